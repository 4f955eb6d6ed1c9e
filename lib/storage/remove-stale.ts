import fs from "node:fs/promises";
import path from "node:path";

/** When this process started (ms since the epoch): a temp file older than that has no writer left. */
export const PROCESS_STARTED_MS = performance.timeOrigin;

/** The names in `dir`, or none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
}

/**
 * Removes the files in `dir` whose name `matches` and that were last written before this process
 * started: what a crash left between writing a temp file and renaming it. A file gone by the time it
 * is looked at was a live writer's, renamed in between, and is skipped. Returns the removed paths.
 */
export async function removeStale(dir: string, matches: (name: string) => boolean): Promise<string[]> {
  const removed: string[] = [];
  for (const name of (await listDir(dir)).filter(matches)) {
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (!stat?.isFile() || stat.mtimeMs >= PROCESS_STARTED_MS) continue;
    await fs.rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
