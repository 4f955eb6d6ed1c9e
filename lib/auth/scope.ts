import { AppError } from "@/lib/errors";
import { forgetEverywhere } from "@/lib/coordination";
import { getDb, type Role } from "@/lib/db";
import type { Identity } from "./identity";
import { hasRole } from "./roles";
import type { EnvName } from "@/lib/sdui";

declare const scopeBrand: unique symbol;
declare const appBrand: unique symbol;

/**
 * Proof that `userId` may act on `projectId` with `role`. Only authorize() makes one, so holding a scope
 * means the access check ran; tenant data is reached through it and never through an id from input.
 */
export type ProjectScope = Readonly<{ projectId: string; userId: string; role: Role; [scopeBrand]: true }>;

/**
 * The one access check. A project the caller is not a member of (or that the caller's token is not
 * limited to) is not_found, so its existence is not revealed; a membership below `required` is forbidden.
 */
export async function authorize(identity: Identity, projectId: string, required: Role): Promise<ProjectScope> {
  // A token limited to one project cannot even learn that the others exist.
  if (identity.token?.projectId && identity.token.projectId !== projectId) throw new AppError("not_found", "No such project.", "projectId");
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
 * Proof that a request reached one environment of a project's app on its own origin: the anonymous,
 * public side of a project (its functions and runtime), with no user and no access to the workspace or
 * members. `env` is the origin's environment: what it serves, and which database its functions use.
 */
export type AppScope = Readonly<{ projectId: string; slug: string; env: EnvName; [appBrand]: true }>;

/** Either side of a tenant: tenant data modules (SQLite, functions) take this and use only its projectId. */
export type TenantScope = ProjectScope | AppScope;

// Every request to an app resolves its slug; a project's slug changes rarely and forgetApp is called
// (on every node) when it does, so a short-lived per-node cache saves a database round trip per request.
const APP_CACHE_MS = 5_000;
const apps = new Map<string, { projectId: string; until: number }>();

/** Makes the AppScope of `env` of the project with this slug; an unknown slug is not_found. */
export async function authorizeApp(slug: string, env: EnvName): Promise<AppScope> {
  const cached = apps.get(slug);
  if (cached && cached.until > Date.now()) return { projectId: cached.projectId, slug, env } as AppScope;
  const db = await getDb();
  const project = await db.project.findUnique({ where: { slug }, select: { id: true } });
  if (!project) throw new AppError("not_found", `No app ${slug}.`, "slug");
  apps.set(slug, { projectId: project.id, until: Date.now() + APP_CACHE_MS });
  return { projectId: project.id, slug, env } as AppScope;
}

/** Drops a slug from every node's app cache (its project was renamed or deleted). */
export const forgetApp: (slug: string) => void = forgetEverywhere("auth.apps", (slug) => apps.delete(slug));
