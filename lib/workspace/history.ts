import { z } from "zod";
import { AppError } from "@/lib/errors";
import { lockLost } from "@/lib/coordination";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { gitOf, layoutOf } from "./layout";
import { withWorkspaceLock } from "./project-lock";
import { COMMIT_FORMAT, commitAll, parseCommits, rememberHead, resetToHead, type CommitInfo } from "./commit-info";
import { asLeaseHolder, assertWorkspaceWritable } from "./workspace-lease";

/** A commit id as given in a URL: 7 to 40 hex digits. */
export const CommitSha = z.string().regex(/^[0-9a-f]{7,40}$/, "must be a commit id (7-40 hex digits)");

export const HistoryQuery = z.strictObject({
  cursor: CommitSha.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Newest first, each with the paths it touched (at most 100); `nextCursor` is the sha to pass as `cursor` for the next, older page. */
export type HistoryPage = { commits: (CommitInfo & { files: string[] })[]; nextCursor: string | null };

const MAX_LISTED_FILES = 100;

/** A commit with what it changed. */
export type CommitDiff = CommitInfo & {
  files: { path: string; status: "added" | "modified" | "deleted" | "renamed"; additions: number | null; deletions: number | null }[];
  patch: string;
  patchTruncated: boolean;
};

const MAX_PATCH_CHARS = 512 * 1024;
const STATUS = { A: "added", M: "modified", D: "deleted", R: "renamed" } as const;

export async function resolveCommit(scope: ProjectScope, sha: string): Promise<string> {
  const git = gitOf(layoutOf(scope.projectId));
  const full = await git.raw(["rev-parse", "--verify", "--quiet", `${sha}^{commit}`]).catch(() => "");
  if (!full.trim()) throw new AppError("not_found", `No commit ${sha} in this workspace.`, "sha");
  return full.trim();
}

/** The workspace's commits, newest first, a page at a time (history is linear: every change is one commit). */
export async function listHistory(scope: ProjectScope, query: HistoryQuery): Promise<HistoryPage> {
  const git = gitOf(layoutOf(scope.projectId));
  const start = query.cursor ? `${await resolveCommit(scope, query.cursor)}~1` : "HEAD";
  const out = await git.raw(["log", COMMIT_FORMAT, "-n", String(query.limit + 1), start, "--"]).catch(() => "");
  const commits = parseCommits(out);
  const page = commits.slice(0, query.limit);
  const names = await git.raw(["log", "--format=%x1e%H", "--name-only", "-z", "-n", String(query.limit), start, "--"]).catch(() => "");
  const filesOf = new Map(
    names.split("\x1e").filter(Boolean).map((chunk) => {
      const [sha = "", ...paths] = chunk.split(/\n|\0/).filter(Boolean);
      return [sha, paths.slice(0, MAX_LISTED_FILES)] as const;
    }),
  );
  return { commits: page.map((c) => ({ ...c, files: filesOf.get(c.sha) ?? [] })), nextCursor: commits.length > query.limit ? (page.at(-1)?.sha ?? null) : null };
}

function parseFiles(nameStatus: string, numstat: string): CommitDiff["files"] {
  const counts = new Map<string, [number | null, number | null]>();
  for (const row of numstat.split("\0").filter((r) => /^\S+\t\S+\t/.test(r))) {
    const [add = "-", del = "-", path = ""] = row.split("\t");
    counts.set(path, [add === "-" ? null : Number(add), del === "-" ? null : Number(del)]);
  }
  const parts = nameStatus.split("\0").filter(Boolean);
  const files: CommitDiff["files"] = [];
  for (let i = 0; i < parts.length; ) {
    const code = (parts[i] ?? "M").charAt(0) as keyof typeof STATUS;
    const path = code === "R" ? (parts[i + 2] ?? "") : (parts[i + 1] ?? "");
    i += code === "R" ? 3 : 2;
    const [additions, deletions] = counts.get(path) ?? [null, null];
    files.push({ path, status: STATUS[code] ?? "modified", additions, deletions });
  }
  return files;
}

/** One commit, its changed files with line counts, and its patch (bounded). */
export async function getCommitDiff(scope: ProjectScope, sha: string): Promise<CommitDiff> {
  const full = await resolveCommit(scope, sha);
  const git = gitOf(layoutOf(scope.projectId));
  const [info] = parseCommits(await git.raw(["show", "--no-patch", COMMIT_FORMAT, full]));
  if (!info) throw new AppError("not_found", `No commit ${sha} in this workspace.`, "sha");
  const diffTree = (mode: string) => git.raw(["diff-tree", "--root", "--no-commit-id", "-r", "-M", mode, "-z", full]);
  const files = parseFiles(await diffTree("--name-status"), await diffTree("--numstat"));
  const patch = await git.raw(["show", "--format=", "--patch", "-M", full]);
  return { ...info, files, patch: patch.slice(0, MAX_PATCH_CHARS), patchTruncated: patch.length > MAX_PATCH_CHARS };
}

/**
 * Makes the workspace look exactly as it did at `sha`, as a new commit on top: history is never
 * rewritten, so the restore itself can be undone.
 */
export async function restoreCommit(
  scope: ProjectScope,
  sha: string,
  log: Logger,
  message?: string,
): Promise<CommitInfo | null> {
  const full = await resolveCommit(scope, sha);
  return withWorkspaceLock(scope.projectId, async () => {
    await assertWorkspaceWritable(scope);
    const git = gitOf(layoutOf(scope.projectId));
    try {
      await git.raw(["read-tree", "-u", "--reset", full]);
      const commit = await commitAll(git, scope, message ?? `Restore workspace to ${full.slice(0, 12)}`);
      log.info("workspace.restored", { projectId: scope.projectId, to: full, sha: commit?.sha ?? null });
      return commit;
    } catch (err) {
      if (!lockLost()) await resetToHead(git);
      throw err;
    }
  });
}

/** The paths that differ between `sha` and HEAD (added, changed, deleted or renamed since). */
export async function changedSince(scope: ProjectScope, sha: string): Promise<string[]> {
  return changedBetween(scope, sha, "HEAD");
}

/** The paths that differ between two commits (`to` may be "HEAD"). */
export async function changedBetween(scope: ProjectScope, from: string, to: string): Promise<string[]> {
  const [a, b] = await Promise.all([resolveCommit(scope, from), to === "HEAD" ? "HEAD" : resolveCommit(scope, to)]);
  const out = await gitOf(layoutOf(scope.projectId)).raw(["diff", "--name-only", "--no-renames", "-z", a, b, "--"]);
  return out.split("\0").filter(Boolean);
}

/** The commits after `base` up to HEAD, oldest first. */
export async function commitsSince(scope: ProjectScope, base: string): Promise<CommitInfo[]> {
  const full = await resolveCommit(scope, base);
  const out = await gitOf(layoutOf(scope.projectId)).raw(["log", "--reverse", COMMIT_FORMAT, `${full}..HEAD`, "--"]);
  return parseCommits(out);
}

/**
 * Folds the commits agent run `runId` made since `base` into one commit with `message` (a run's steps
 * become the one commit the user sees and can undo); the tree is untouched, and null when it matches
 * `base` again (no commits). Only the run's own commits are ever rewritten: if anyone else committed
 * since `base`, nothing is folded and the run's commits stay as they are (`folded: false`, newest first).
 */
export async function squashRunCommits(
  scope: ProjectScope,
  base: string,
  runId: string,
  message: string,
  log: Logger,
): Promise<{ commits: CommitInfo[]; folded: boolean }> {
  const full = await resolveCommit(scope, base);
  return withWorkspaceLock(scope.projectId, async () => {
    const git = gitOf(layoutOf(scope.projectId));
    const commits = parseCommits(await git.raw(["log", COMMIT_FORMAT, `${full}..HEAD`, "--"]));
    if (commits.length === 0) return { commits: [], folded: true };
    const foreign = commits.filter((c) => c.runId !== runId);
    if (foreign.length > 0) {
      log.warn("workspace.squash_skipped", { projectId: scope.projectId, runId, foreign: foreign.map((c) => c.sha).join(",") });
      return { commits: commits.filter((c) => c.runId === runId), folded: false };
    }
    await git.raw(["reset", "--quiet", "--soft", full]);
    rememberHead(scope.projectId, full);
    const commit = await asLeaseHolder(runId, () => commitAll(git, scope, message));
    log.info("workspace.squashed", { projectId: scope.projectId, base: full, commits: commits.length, sha: commit?.sha ?? null });
    return { commits: commit ? [commit] : [], folded: true };
  });
}
