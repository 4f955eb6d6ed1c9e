import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb, isUniqueViolation, recordAudit } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { getHeadSha, withProjectLock } from "@/lib/workspace";
import { collectReleaseArtifacts, type CollectedArtifact } from "./collect-artifacts";
import { RELEASE_SELECT, diffArtifacts, diffReleases, toReleaseView, type ReleaseDiff, type ReleaseView } from "./release-view";
import { assertMayOverride, gateReleaseSecurity, type SecurityOverride } from "./security-gate";
import { Semver, compareVersions, suggestVersion } from "./semver";

/** A new release: its version (suggested when left out) and notes. */
export const CreateReleaseInput = z.strictObject({
  version: Semver.optional(),
  notes: z.string().trim().max(5_000, "must be at most 5000 characters").optional(),
  /** Release despite high-severity security findings: owners only, recorded in the audit event. */
  overrideSecurity: z.boolean().optional(),
});
export type CreateReleaseInput = z.infer<typeof CreateReleaseInput>;

/** A release with what changed since the one before it. */
export type ReleaseDetail = ReleaseView & { diff: ReleaseDiff };

async function latestRelease(projectId: string): Promise<ReleaseView | null> {
  const db = await getDb();
  const rows = await db.release.findMany({ where: { projectId }, select: RELEASE_SELECT });
  const views = rows.map(toReleaseView).sort((a, b) => compareVersions(b.version, a.version));
  return views[0] ?? null;
}

/** A minor step when the app gained or lost a part or its schema changed, else a patch step. */
function changeOf(artifacts: CollectedArtifact[], previous: ReleaseView | null): "minor" | "patch" {
  const diff = diffArtifacts(artifacts, previous?.artifacts ?? []);
  const grew = diff.added.length + diff.removed.length > 0;
  return grew || diff.changed.some((a) => a.kind === "migration") ? "minor" : "patch";
}

function chooseVersion(requested: string | undefined, previous: ReleaseView | null, artifacts: CollectedArtifact[]): string {
  if (requested === undefined) return suggestVersion(previous?.version ?? null, changeOf(artifacts, previous));
  if (previous && compareVersions(requested, previous.version) <= 0) {
    throw new AppError("conflict", `version must be newer than the latest release, ${previous.version}.`, "version");
  }
  return requested;
}

type Recorded = { head: string; version: string; notes: string; artifacts: CollectedArtifact[]; securityOverride: SecurityOverride | undefined };

async function record(scope: ProjectScope, { head, version, notes, artifacts, securityOverride }: Recorded) {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const release = await tx.release.create({
        data: { projectId: scope.projectId, version, notes, commitSha: head, createdById: scope.userId, artifacts: { create: artifacts } },
        select: RELEASE_SELECT,
      });
      await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "release.created", {
        releaseId: release.id, version, commitSha: head, ...(securityOverride ? { securityOverride } : {}),
      });
      return release;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `There is already a release ${version}.`, "version");
    throw err;
  }
}

/**
 * Cuts an immutable release of the workspace HEAD: refused on a high-severity security finding unless an
 * owner overrides it (see gateReleaseSecurity); every artifact built and checked first (see
 * collectReleaseArtifacts), then the release, its artifacts' hashes and an audit event in one transaction.
 * The version is the one asked for (newer than the latest) or the suggested next one.
 */
export async function createRelease(scope: ProjectScope, input: CreateReleaseInput, log: Logger): Promise<ReleaseDetail> {
  return withProjectLock(`${scope.projectId}:release`, async () => {
    assertMayOverride(scope, input.overrideSecurity);
    const head = await getHeadSha(scope);
    // Built first: code that does not build is a build error to fix (422), not a finding the analyser could not parse.
    const artifacts = await collectReleaseArtifacts(scope, head);
    const securityOverride = await gateReleaseSecurity(scope, head, input.overrideSecurity);
    if ((await getHeadSha(scope)) !== head) throw new AppError("conflict", "The workspace changed while the release was being built; try again.", "release");
    const previous = await latestRelease(scope.projectId);
    const version = chooseVersion(input.version, previous, artifacts);
    const release = toReleaseView(await record(scope, { head, version, notes: input.notes ?? "", artifacts, securityOverride }));
    log.info("release.created", { projectId: scope.projectId, releaseId: release.id, version, commitSha: head, artifacts: artifacts.length, securityOverride: Boolean(securityOverride) });
    return { ...release, diff: diffReleases(release, previous) };
  });
}
