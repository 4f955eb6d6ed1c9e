import type { ProjectScope } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { resolveCommit } from "./history";
import { gitOf, layoutOf } from "./layout";

/** A file before and after one commit (null where it did not exist); binary files carry no text. */
export type CommitFileChange = { sha: string; path: string; before: string | null; after: string | null; isBinary: boolean };

const MAX_TEXT_BYTES = 1024 * 1024;

async function blobAt(scope: ProjectScope, rev: string, path: string): Promise<Buffer | null> {
  const git = gitOf(layoutOf(scope.projectId));
  const spec = `${rev}:${path}`;
  const kind = await git.raw(["cat-file", "-t", spec]).catch(() => "");
  if (kind.trim() !== "blob") return null;
  const size = Number((await git.raw(["cat-file", "-s", spec])).trim());
  if (size > MAX_TEXT_BYTES) throw new AppError("payload_too_large", `${path} is over 1 MiB at ${rev.slice(0, 7)}; read it from the patch instead.`, "path");
  return git.binaryCatFile(["blob", spec]);
}

/** What one commit did to one file, for a side-by-side diff: the text before (its parent) and after. */
export async function getFileChange(scope: ProjectScope, sha: string, path: string): Promise<CommitFileChange> {
  const full = await resolveCommit(scope, sha);
  const git = gitOf(layoutOf(scope.projectId));
  const parent = (await git.raw(["rev-parse", "--verify", "--quiet", `${full}^`]).catch(() => "")).trim();
  const [before, after] = await Promise.all([parent ? blobAt(scope, parent, path) : null, blobAt(scope, full, path)]);
  if (before === null && after === null) throw new AppError("not_found", `Commit ${sha} did not touch ${path}.`, "path");
  const isBinary = [before, after].some((b) => b !== null && b.includes(0));
  const text = (b: Buffer | null) => (b === null || isBinary ? null : b.toString("utf8"));
  return { sha: full, path, before: text(before), after: text(after), isBinary };
}
