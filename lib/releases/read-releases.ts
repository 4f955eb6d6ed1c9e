import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changedBetween } from "@/lib/workspace";
import type { ReleaseDetail } from "./create-release";
import { RELEASE_SELECT, diffReleases, toReleaseView, type ReleaseDiff, type ReleaseView } from "./release-view";
import { compareVersions } from "./semver";

const MAX_LISTED = 200;

/** A release in the list, with its diff to the release before it (artifacts only). */
export type ReleaseSummary = ReleaseView & { diff: ReleaseDiff };

async function allReleases(projectId: string): Promise<ReleaseView[]> {
  const db = await getDb();
  const rows = await db.release.findMany({ where: { projectId }, select: RELEASE_SELECT, orderBy: { createdAt: "desc" }, take: MAX_LISTED });
  return rows.map(toReleaseView).sort((a, b) => compareVersions(b.version, a.version));
}

/** The project's releases, newest version first, each with what changed since the one before. */
export async function listReleases(scope: ProjectScope): Promise<ReleaseSummary[]> {
  const releases = await allReleases(scope.projectId);
  return releases.map((r, i) => ({ ...r, diff: diffReleases(r, releases[i + 1] ?? null) }));
}

/** One release of the project (another project's is not_found). */
export async function getRelease(scope: Pick<ProjectScope, "projectId">, releaseId: string): Promise<ReleaseView> {
  const db = await getDb();
  const row = await db.release.findFirst({ where: { id: releaseId, projectId: scope.projectId }, select: RELEASE_SELECT });
  if (!row) throw new AppError("not_found", "No such release in this project.", "releaseId");
  return toReleaseView(row);
}

/** One release with its diff to the release before it: artifacts and the workspace files changed. */
export async function getReleaseDetail(scope: ProjectScope, releaseId: string): Promise<ReleaseDetail> {
  const release = await getRelease(scope, releaseId);
  const older = (await allReleases(scope.projectId)).filter((r) => compareVersions(r.version, release.version) < 0);
  const previous = older[0] ?? null;
  const files = previous ? await changedBetween(scope, previous.commitSha, release.commitSha).catch(() => []) : [];
  return { ...release, diff: { ...diffReleases(release, previous), files } };
}
