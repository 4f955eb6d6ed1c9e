import { AppError } from "@/lib/errors";
import { getDb, type Role } from "@/lib/db";
import type { Identity } from "./identity";
import { hasRole } from "./roles";

declare const scopeBrand: unique symbol;
declare const appBrand: unique symbol;

/**
 * Proof that `userId` may act on `projectId` with `role`. Only authorize() makes one, so holding a scope
 * means the access check ran; tenant data is reached through it and never through an id from input.
 */
export type ProjectScope = Readonly<{ projectId: string; userId: string; role: Role; [scopeBrand]: true }>;

/**
 * The one access check. A project the caller is not a member of is not_found (its existence is not
 * revealed); a membership below `required` is forbidden.
 */
export async function authorize(identity: Identity, projectId: string, required: Role): Promise<ProjectScope> {
  const db = await getDb();
  const membership = await db.membership.findUnique({
    where: { projectId_userId: { projectId, userId: identity.userId } },
  });
  if (!membership) throw new AppError("not_found", "No such project.", "projectId");
  if (!hasRole(membership.role, required)) {
    throw new AppError("forbidden", `This needs the ${required} role; you are ${membership.role}.`);
  }
  return { projectId, userId: identity.userId, role: membership.role } as ProjectScope;
}

/**
 * Proof that a request reached a project's app on its own origin: the anonymous, public side of a
 * project (its functions and runtime), with no user and no access to the workspace or members.
 */
export type AppScope = Readonly<{ projectId: string; slug: string; [appBrand]: true }>;

/** Either side of a tenant: tenant data modules (SQLite, functions) take this and use only its projectId. */
export type TenantScope = ProjectScope | AppScope;

/** Makes the AppScope of the project with this slug; an unknown slug is not_found. */
export async function authorizeApp(slug: string): Promise<AppScope> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { slug }, select: { id: true } });
  if (!project) throw new AppError("not_found", `No app ${slug}.`, "slug");
  return { projectId: project.id, slug } as AppScope;
}
