import fs from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { WorkspaceLayout } from "./layout";

// Paths reaching here passed WorkspacePath, so they cannot name anything outside the tree. These helpers
// add the file-system half: no symlink is ever followed (O_NOFOLLOW, lstat of every folder on the way),
// and a write lands whole or not at all (temp file + fsync + rename).

async function lstatOrNull(p: string) {
  return fs.lstat(p).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
}

/** Throws unless every folder between the tree and `rel`'s parent is a real directory (or absent). */
async function assertPlainFolders(layout: WorkspaceLayout, rel: string): Promise<void> {
  const parts = rel.split("/").slice(0, -1);
  let current = layout.tree;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = await lstatOrNull(current);
    if (!stat) return;
    if (!stat.isDirectory()) throw new AppError("conflict", `${path.relative(layout.tree, current)} is a file, not a folder.`, "path");
  }
}

/** The kind of entry at `rel`: a regular file, a folder, or nothing; a symlink is refused. */
export async function entryKind(layout: WorkspaceLayout, rel: string): Promise<"file" | "folder" | null> {
  await assertPlainFolders(layout, rel);
  const stat = await lstatOrNull(path.join(layout.tree, rel));
  if (!stat) return null;
  if (stat.isFile()) return "file";
  if (stat.isDirectory()) return "folder";
  throw new AppError("forbidden", `${rel} is not a regular file.`, "path");
}

/** The bytes of the file at `rel`; not_found if there is none. */
export async function readSafe(layout: WorkspaceLayout, rel: string, maxBytes: number): Promise<Buffer> {
  if ((await entryKind(layout, rel)) !== "file") throw new AppError("not_found", `No file ${rel}.`, "path");
  const handle = await fs.open(path.join(layout.tree, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new AppError("payload_too_large", `${rel} is ${size} bytes, over the ${maxBytes}-byte limit.`, "path");
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `rel` atomically, creating folders; a crash leaves the old file or the new, never half. */
export async function writeSafe(layout: WorkspaceLayout, rel: string, data: Buffer): Promise<void> {
  await assertPlainFolders(layout, rel);
  const target = path.join(layout.tree, rel);
  if ((await lstatOrNull(target))?.isDirectory()) throw new AppError("conflict", `${rel} is a folder.`, "path");
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.mkdir(layout.tmp, { recursive: true });
  const temp = path.join(layout.tmp, `${randomUUID()}.tmp`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    // A full disk fails the write, not the open: the half-written temp file must not stay behind.
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Removes the file at `rel`, then any folders it leaves empty. */
export async function removeSafe(layout: WorkspaceLayout, rel: string): Promise<void> {
  if ((await entryKind(layout, rel)) !== "file") throw new AppError("not_found", `No file ${rel}.`, "path");
  await fs.unlink(path.join(layout.tree, rel));
  let dir = path.dirname(path.join(layout.tree, rel));
  while (dir !== layout.tree && (await fs.readdir(dir)).length === 0) {
    await fs.rmdir(dir);
    dir = path.dirname(dir);
  }
}
