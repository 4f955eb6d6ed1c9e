import { getDb } from "@/lib/db";
import type { Identity, ProjectScope } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { toProjectView, type ProjectView } from "./project-view";

/** The projects the caller is a member of (only its project, for a token limited to one), most recently changed first. */
export async function listProjects(identity: Identity): Promise<ProjectView[]> {
  const db = await getDb();
  const only = identity.token?.projectId;
  const memberships = await db.membership.findMany({
    where: { userId: identity.userId, ...(only && { projectId: only }) },
    include: { project: true },
    orderBy: { project: { updatedAt: "desc" } },
  });
  return memberships.map((m) => toProjectView(m.project, m.role));
}

/** The scoped project; not_found if it was deleted since the scope was made. */
export async function getProject(scope: ProjectScope): Promise<ProjectView> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { id: scope.projectId } });
  if (!project) throw new AppError("not_found", "No such project.", "projectId");
  return toProjectView(project, scope.role);
}

/** Ids and names of the projects an identity may pick from: every project for the platform admin, else its own. */
export async function listProjectNames(identity: Identity): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  if (identity.isAdmin && !identity.token?.projectId) return db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 1_000 });
  return (await listProjects(identity)).map((p) => ({ id: p.id, name: p.name }));
}
