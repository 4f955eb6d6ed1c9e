import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb, recordAudit, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Who may deploy, promote and roll back besides owners: editors, when the owner allows it. */
export const ReleaseSettings = z.strictObject({ editorsCanDeploy: z.boolean() });
export type ReleaseSettings = z.infer<typeof ReleaseSettings>;

const Stored = z.object({ releases: ReleaseSettings.optional() }).passthrough();

/** The project's release settings (editors may not deploy unless an owner says so). */
export async function getReleaseSettings(scope: Pick<ProjectScope, "projectId">): Promise<ReleaseSettings> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { id: scope.projectId }, select: { settings: true } });
  const parsed = Stored.safeParse(project?.settings ?? {});
  return parsed.success && parsed.data.releases ? parsed.data.releases : { editorsCanDeploy: false };
}

/** Replaces the release settings (owners, by the route's access). */
export async function updateReleaseSettings(scope: ProjectScope, input: ReleaseSettings): Promise<ReleaseSettings> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: scope.projectId }, select: { settings: true } });
    const settings = { ...(project.settings as Prisma.JsonObject), releases: input } as Prisma.InputJsonObject;
    await tx.project.update({ where: { id: scope.projectId }, data: { settings } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "releases.settings_changed", input);
  });
  return input;
}

/** Owners deploy; editors only where the project allows it; everyone else is forbidden. */
export async function assertCanDeploy(scope: ProjectScope): Promise<void> {
  if (scope.role === "owner") return;
  if (scope.role === "editor" && (await getReleaseSettings(scope)).editorsCanDeploy) return;
  throw new AppError("forbidden", "Only owners deploy this project (an owner can let editors deploy in its release settings).");
}
