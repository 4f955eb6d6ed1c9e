import fs from "node:fs/promises";
import path from "node:path";
import type { Dirent } from "node:fs";

/**
 * The bytes the files under `dir` take (apparent sizes), without following links; 0 when it does not
 * exist. A file removed while it is walked is skipped.
 */
export async function folderBytes(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(full);
    else if (entry.isFile()) total += await fs.lstat(full).then((s) => s.size, () => 0);
  }
  return total;
}
