// The seeded owner and project every fuzzed request runs against: a file, a table, a secret, a spare
// token, so that valid params name things that exist.
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { PUT as secretRoute } from "@/app/api/projects/[projectId]/secrets/[name]/route";
import { GET as historyRoute } from "@/app/api/projects/[projectId]/history/route";
import { POST as tokensRoute } from "@/app/api/tokens/route";
import { call } from "../http";
import { createTestProject, signUpUser, type TestUser } from "../accounts";
import { putFile } from "../workspace";
import type { Fixture } from "./values";

async function ok<T>(what: string, res: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await res;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Signs up the owner (the file's first user, so also the platform admin) and seeds their project. */
export async function seedFixture(): Promise<{ owner: TestUser; fx: Fixture }> {
  const owner = await signUpUser("Fuzz Owner");
  const project = await createTestProject(owner, "Fuzz target");
  const params = { projectId: project.id };
  await ok("file", putFile(owner, project.id, "fuzz/target.txt", "hello fuzz\n"));
  const operations = [{ op: "create_table", table: "todos", columns: [{ name: "title", type: "text" }] }];
  await ok("table", call(migrationsRoute, { method: "POST", token: owner.token, params, body: { name: "todos", operations } }));
  await ok("secret", call(secretRoute, { method: "PUT", token: owner.token, params: { ...params, name: "FUZZ_SECRET" }, body: { value: "s3cret" } }));
  const spare = await ok<{ id: string }>("token", call(tokensRoute, { method: "POST", token: owner.token, body: { name: "spare" } }));
  const history = await ok<{ commits: { sha: string }[] }>("history", call(historyRoute, { token: owner.token, params }));
  const fx: Fixture = {
    projectId: project.id,
    slug: project.slug,
    userId: owner.id,
    headSha: history.commits[0]?.sha ?? "",
    spareTokenId: spare.id,
    filePath: ["fuzz", "target.txt"],
  };
  return { owner, fx };
}
