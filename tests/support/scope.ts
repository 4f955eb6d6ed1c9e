import { authorize, type ProjectScope } from "@/lib/auth";
import { createTestProject, signUpUser } from "./accounts";

/** A fresh user and project, and the owner's scope for calling lib/ directly. */
export async function ownerScope(name = "Scoped"): Promise<ProjectScope> {
  const user = await signUpUser(name);
  const project = await createTestProject(user, `${name} project`);
  const { getDb } = await import("@/lib/db");
  const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
  return authorize({ userId: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, via: "token" }, project.id, "owner");
}
