import fs from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";

/** When this process started (ms since the epoch): a temp file older than that has no writer left here. */
export const PROCESS_STARTED_MS = performance.timeOrigin;

// With DATABASE_URL, other nodes may share the data dir: a temp file of theirs can predate this process
// and still be written. Only one older than this (far longer than any write of a temp file) is a crash's.
const SHARED_GRACE_MS = 5 * 60_000;

function staleBefore(): number {
  return getConfig().databaseUrl ? Math.min(PROCESS_STARTED_MS, Date.now() - SHARED_GRACE_MS) : PROCESS_STARTED_MS;
}

/** The names in `dir`, or none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
}

/**
 * Removes the files in `dir` whose name `matches` and that were last written before this process
 * started (and, when nodes may share the folder, minutes ago): what a crash left between writing a
 * temp file and renaming it. A file gone by the time it
 * is looked at was a live writer's, renamed in between, and is skipped. Returns the removed paths.
 */
export async function removeStale(dir: string, matches: (name: string) => boolean): Promise<string[]> {
  const removed: string[] = [];
  const before = staleBefore();
  for (const name of (await listDir(dir)).filter(matches)) {
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (!stat?.isFile() || stat.mtimeMs >= before) continue;
    await fs.rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
