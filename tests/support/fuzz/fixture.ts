// The seeded owner and project every fuzzed request runs against: a file, a table, a secret, a spare
// token, so that valid params name things that exist.
// Thousands of requests from one client, one user and one project: every platform limit is lifted for
// the fuzz (each limit has its own tests in tests/integration/security/platform-limits.test.ts). Set
// before the first getConfig(), which reads it once.
process.env.MYCO_RATE_LIMITS = JSON.stringify(Object.fromEntries(
  ["signUps", "signInAttempts", "wrongPasswords", "wrongPasswordsPerAccount", "tokens", "projects", "writes", "migrations", "queries", "invokes", "builds", "appCalls", "appCallsPerClient"]
    .map((id) => [id, { limit: 10_000_000 }]),
));
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { PUT as secretRoute } from "@/app/api/projects/[projectId]/secrets/[name]/route";
import { GET as historyRoute } from "@/app/api/projects/[projectId]/history/route";
import { POST as tokensRoute } from "@/app/api/tokens/route";
import { POST as runsRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { POST as releasesRoute } from "@/app/api/projects/[projectId]/releases/route";
import { POST as deployRoute } from "@/app/api/projects/[projectId]/deployments/route";
import { postStream } from "../sse";
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
  const run = await postStream(runsRoute, { params, token: owner.token, body: { prompt: "hello" } });
  const release = async (n: number) => {
    await ok("change", putFile(owner, project.id, "fuzz/version.txt", `version ${n}\n`));
    const cut = await ok<{ id: string }>("release", call(releasesRoute, { method: "POST", token: owner.token, params, body: {} }));
    return ok<{ id: string }>("deploy", call(deployRoute, { method: "POST", token: owner.token, params, body: { releaseId: cut.id, env: "staging" } })).then((d) => ({ release: cut.id, deployment: d.id }));
  };
  const first = await release(1);
  await release(2);
  const history = await ok<{ commits: { sha: string }[] }>("history", call(historyRoute, { token: owner.token, params }));
  const fx: Fixture = {
    projectId: project.id,
    slug: project.slug,
    userId: owner.id,
    headSha: history.commits[0]?.sha ?? "",
    spareTokenId: spare.id,
    filePath: ["fuzz", "target.txt"],
    runId: String(run.events[0]?.data.id ?? ""),
    releaseId: first.release,
    earlierDeploymentId: first.deployment,
  };
  return { owner, fx };
}
