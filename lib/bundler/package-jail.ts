import fs from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";

/** The largest package file a tenant build reads; a bigger one is refused, never loaded. */
const MAX_PACKAGE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The folders a tenant build may read from disk, as real paths: its deps folder (the build's working
 * directory) and `<deps>/node_modules`, or null while nothing is installed.
 */
export type BuildJail = { depsDir: string; packagesDir: string | null };

/** Makes the project's deps folder if needed and finds the real paths of its jail. */
export async function jailOf(depsDir: string): Promise<BuildJail> {
  await fs.mkdir(depsDir, { recursive: true });
  const real = await fs.realpath(depsDir);
  const packages = path.join(real, "node_modules");
  // node_modules must be a real folder inside deps: were it a symlink, its target would become the jail.
  const packagesDir = (await fs.realpath(packages).catch(() => null)) === packages ? packages : null;
  return { depsDir: real, packagesDir };
}

function isInside(root: string, real: string): boolean {
  return real.startsWith(root + path.sep);
}

/** The real path of `file` when it exists and lies inside `root`, else null: the caller never learns which. */
export async function realpathInside(root: string | null, file: string): Promise<string | null> {
  if (!root || !path.isAbsolute(file)) return null;
  const real = await fs.realpath(file).catch(() => null);
  return real && isInside(root, real) ? real : null;
}

// The file a descriptor really is: /proc names it exactly on Linux; elsewhere the path's realpath is
// accepted only if it is the very inode that was opened.
async function realpathOfOpen(handle: fs.FileHandle, file: string, opened: { dev: number; ino: number }): Promise<string | null> {
  const viaProc = await fs.realpath(`/proc/self/fd/${handle.fd}`).catch(() => null);
  if (viaProc) return viaProc;
  const real = await fs.realpath(file).catch(() => null);
  const stat = real ? await fs.stat(real).catch(() => null) : null;
  return stat && stat.dev === opened.dev && stat.ino === opened.ino ? real : null;
}

/**
 * The bytes of a package file, checked again where it was opened: a symlink swapped in after the
 * import was resolved, a folder, a device or a FIFO reads as null, like a file outside `root`.
 */
export async function readInside(root: string | null, file: string): Promise<Buffer | null> {
  if (!root || !path.isAbsolute(file)) return null;
  // O_NONBLOCK: opening a FIFO must not hang the build (it is then refused as not a regular file).
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => null);
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_PACKAGE_FILE_BYTES) return null;
    const real = await realpathOfOpen(handle, file, stat);
    if (!real || !isInside(root, real)) return null;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

// An npm package name, as the installer accepts them, then plain path segments: none is empty, "." or
// ".." (no segment may start with a dot), so a bare specifier can never climb out of its package folder.
const BARE_SPECIFIER = /^((?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*)(?:\/[A-Za-z0-9_@+~-][A-Za-z0-9._@+~-]*)*$/;
const MAX_SPECIFIER_CHARS = 400;

/** The package a bare specifier names ("lodash" for "lodash/fp"), or null if it is not one. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.length > MAX_SPECIFIER_CHARS) return null;
  return BARE_SPECIFIER.exec(specifier)?.[1] ?? null;
}

/** Whether `<packages>/<name>` is there (a folder or a link; where it leads is checked once resolved). */
export async function isInstalled(jail: BuildJail, name: string): Promise<boolean> {
  if (!jail.packagesDir) return false;
  return fs.lstat(path.join(jail.packagesDir, name)).then(() => true, () => false);
}
