import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, isUniqueViolation, recordAudit } from "@/lib/db";
import { forgetApp, type ProjectScope } from "@/lib/auth";
import { deleteWorkspace } from "@/lib/workspace";
import { deleteTenantDbs } from "@/lib/tenant-db";
import { settleDeploys } from "@/lib/releases";
import type { Logger } from "@/lib/log";
import { Slug } from "./slug";
import { ProjectName } from "./create-project";
import { toProjectView, type ProjectView } from "./project-view";

export const UpdateProjectInput = z
  .strictObject({ name: ProjectName.optional(), slug: Slug.optional() })
  .refine((v) => v.name !== undefined || v.slug !== undefined, { message: "give a name or a slug", path: ["name"] });
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

/** Renames a project and/or changes its slug (which moves its app's origin). */
export async function updateProject(scope: ProjectScope, input: UpdateProjectInput, log: Logger): Promise<ProjectView> {
  const db = await getDb();
  try {
    const { project, before } = await db.$transaction(async (tx) => {
      const before = await tx.project.findUniqueOrThrow({ where: { id: scope.projectId }, select: { slug: true } });
      const updated = await tx.project.update({
        where: { id: scope.projectId },
        data: { ...(input.name !== undefined && { name: input.name }), ...(input.slug !== undefined && { slug: input.slug }) },
      });
      await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "project.updated", input);
      return { project: updated, before };
    });
    // After the commit: a node that looked the slug up again before it would have cached the old answer.
    forgetApp(before.slug);
    log.info("project.updated", { projectId: scope.projectId });
    return toProjectView(project, scope.role);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `The slug "${input.slug}" is taken.`, "slug");
    throw err;
  }
}

/**
 * Deletes a project: its registry rows first (so it is gone for every request at once), then its
 * workspace and its databases.
 */
export async function deleteProject(scope: ProjectScope, log: Logger): Promise<void> {
  const db = await getDb();
  const project = await db.$transaction(async (tx) => {
    const deleted = await tx.project.delete({ where: { id: scope.projectId } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "project.deleted");
    return deleted;
  });
  forgetApp(project.slug);
  // A deploy or rollback under way would write the tenant's databases and snapshots after their removal.
  await settleDeploys(scope.projectId);
  await deleteWorkspace(scope);
  await deleteTenantDbs(scope);
  log.info("project.deleted", { projectId: scope.projectId });
}
