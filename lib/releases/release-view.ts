import type { Prisma } from "@/lib/db";

/** One artifact of a release: what it is, its name, and the content hash that makes it immutable. */
export type ReleaseArtifactView = { kind: "blueprint" | "mfe" | "function" | "migration"; name: string; contentHash: string; sizeBytes: number };

/** A release as the API shows it. */
export type ReleaseView = {
  id: string;
  version: string;
  notes: string;
  commitSha: string;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  sizeBytes: number;
  artifacts: ReleaseArtifactView[];
};

/** What changed since the release before: artifacts by kind and name, and (in detail) the files. */
export type ReleaseDiff = {
  previous: { id: string; version: string } | null;
  added: { kind: ReleaseArtifactView["kind"]; name: string }[];
  removed: { kind: ReleaseArtifactView["kind"]; name: string }[];
  changed: { kind: ReleaseArtifactView["kind"]; name: string }[];
  files?: string[];
};

export const RELEASE_SELECT = {
  id: true,
  version: true,
  notes: true,
  commitSha: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
  artifacts: { select: { kind: true, name: true, contentHash: true, sizeBytes: true, artifactKey: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] },
} satisfies Prisma.ReleaseSelect;

type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof RELEASE_SELECT }>;

export function toReleaseView(row: ReleaseRow): ReleaseView {
  const artifacts = row.artifacts.map(({ kind, name, contentHash, sizeBytes }) => ({ kind, name, contentHash, sizeBytes }));
  return {
    id: row.id,
    version: row.version,
    notes: row.notes,
    commitSha: row.commitSha,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    sizeBytes: artifacts.reduce((n, a) => n + a.sizeBytes, 0),
    artifacts,
  };
}

type Named = Pick<ReleaseArtifactView, "kind" | "name" | "contentHash">;

/** Which artifacts were added, removed or changed from `before` to `after` (pure). */
export function diffArtifacts(after: Named[], before: Named[]): Omit<ReleaseDiff, "previous"> {
  const key = (a: Named) => `${a.kind}\u0000${a.name}`;
  const was = new Map(before.map((a) => [key(a), a]));
  const is = new Map(after.map((a) => [key(a), a]));
  const pick = ({ kind, name }: Named) => ({ kind, name });
  return {
    added: after.filter((a) => !was.has(key(a))).map(pick),
    removed: before.filter((a) => !is.has(key(a))).map(pick),
    changed: after.filter((a) => was.has(key(a)) && was.get(key(a))?.contentHash !== a.contentHash).map(pick),
  };
}

/** The artifact-level difference between a release and the one before it (pure). */
export function diffReleases(current: ReleaseView, previous: ReleaseView | null): ReleaseDiff {
  return { previous: previous ? { id: previous.id, version: previous.version } : null, ...diffArtifacts(current.artifacts, previous?.artifacts ?? []) };
}
