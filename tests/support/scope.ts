import { authorize, type ProjectScope } from "@/lib/auth";
import { createTestProject, signUpUser, type TestUser } from "./accounts";

/** A fresh user and project, with the owner's scope for calling lib/ directly and the user for the API. */
export async function ownerTenant(name = "Scoped"): Promise<{ user: TestUser; projectId: string; scope: ProjectScope }> {
  const user = await signUpUser(name);
  const project = await createTestProject(user, `${name} project`);
  const { getDb } = await import("@/lib/db");
  const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
  const scope = await authorize({ userId: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, via: "token" }, project.id, "owner");
  return { user, projectId: project.id, scope };
}

/** A fresh user and project, and the owner's scope for calling lib/ directly. */
export async function ownerScope(name = "Scoped"): Promise<ProjectScope> {
  return (await ownerTenant(name)).scope;
}
