import type { ProjectScope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { resolveCommit } from "./history";
import { gitOf, layoutOf } from "./layout";
import { getHeadSha } from "./read-files";

/** Blob reads (one git process each) in flight at once: a project with hundreds of files must not fork hundreds. */
const PARALLEL_READS = 8;

/** A file as one commit holds it: its text, or null when it is over a limit or not UTF-8 text. */
export type TextFile = { path: string; text: string | null };

/** How much one read may take in: bytes of one file, files, and bytes in all (what is past them is listed, unread). */
export type ReadLimits = { maxFileBytes: number; maxFiles: number; maxTotalBytes: number };

/**
 * The text files whose paths match `include`, as the commit `sha` holds them (HEAD when left out), read
 * from the project's own repository: paths come from its tree, never from the caller. Files past `limits`
 * (or the workspace's file limit), or not UTF-8 text, are listed with a null text and never read, so a
 * caller can say what it could not read, and one read's memory stays bounded. An unknown commit is not_found.
 */
export async function readTextFilesAt(scope: ProjectScope, include: RegExp, limits: ReadLimits, sha?: string): Promise<TextFile[]> {
  const git = gitOf(layoutOf(scope.projectId));
  // A commit id, not "HEAD": the listing and every read must see the same tree while commits go on.
  const rev = sha === undefined ? await getHeadSha(scope) : await resolveCommit(scope, sha);
  const listing = await git.raw(["ls-tree", "-r", "-l", "-z", rev]);
  const listed = listing.split("\0").flatMap((line) => {
    // "<mode> <type> <object> <size>\t<path>"; with -z the path is verbatim and may itself hold a tab.
    const tab = line.indexOf("\t");
    const path = line.slice(tab + 1);
    const [, type, , size] = line.slice(0, Math.max(tab, 0)).trim().split(/\s+/);
    return type === "blob" && include.test(path) ? [{ path, size: Number(size) }] : [];
  });
  const maxFileBytes = Math.min(limits.maxFileBytes, getConfig().maxFileBytes);
  let total = 0;
  const fits = new Set(listed.filter((f, i) => {
    if (i >= limits.maxFiles || !(f.size <= maxFileBytes) || total + f.size > limits.maxTotalBytes) return false;
    total += f.size;
    return true;
  }).map((f) => f.path));
  const wanted = listed.filter((f) => fits.has(f.path)).map((f) => f.path);
  const files: TextFile[] = [];
  for (let i = 0; i < wanted.length; i += PARALLEL_READS) {
    const batch = await Promise.all(wanted.slice(i, i + PARALLEL_READS).map(async (path) => {
      const bytes = await git.binaryCatFile(["blob", `${rev}:${path}`]);
      const text = bytes.toString("utf8");
      return { path, text: bytes.includes(0) || !Buffer.from(text, "utf8").equals(bytes) ? null : text };
    }));
    files.push(...batch);
  }
  files.push(...listed.filter((f) => !fits.has(f.path)).map((f) => ({ path: f.path, text: null })));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
