// Real small disks for fault tests: a tmpfs of a few MiB to fill, remounted read-only to refuse writes.
// chmod cannot stop root, so only a mount makes a folder unwritable here; without the right to mount
// (not root, or a container without CAP_SYS_ADMIN) the tests that need one are skipped, saying why.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe } from "vitest";

function run(args: string[]): void {
  execFileSync("mount", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Why this process cannot mount a tmpfs, or null when it can (tried once, on a throw-away folder). */
function mountRefusal(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-mount-check-"));
  try {
    run(["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    execFileSync("umount", [dir]);
    return null;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return `mounting a tmpfs is not permitted here (${stderr || (err instanceof Error ? err.message : String(err))}); these tests need root or CAP_SYS_ADMIN`;
  } finally {
    fs.rmdirSync(dir);
  }
}

const refusal = mountRefusal();

/** A describe() that runs only where tmpfs mounts are permitted; elsewhere it is skipped with the reason in its name. */
export function describeWithMounts(name: string, fn: () => void): void {
  if (refusal) describe.skip(`${name} [skipped: ${refusal}]`, fn);
  else describe(name, fn);
}

/** Mounts a fresh tmpfs of `sizeMiB` on `dir` (made if missing); it starts empty and writable. */
export function mountSmallDisk(dir: string, sizeMiB: number): void {
  fs.mkdirSync(dir, { recursive: true });
  run(["-t", "tmpfs", "-o", `size=${sizeMiB}m`, "tmpfs", dir]);
}

/** Makes the mount on `dir` read-only, or writable again. */
export function setReadOnly(dir: string, readOnly: boolean): void {
  run(["-o", `remount,${readOnly ? "ro" : "rw"}`, dir]);
}

/** Unmounts `dir`, whatever it holds (lazily, so a file still open elsewhere does not stop it). */
export function unmount(dir: string): void {
  execFileSync("umount", ["-l", dir]);
}

/** Fills the disk holding `dir` with one file, to the last byte; returns the file (remove it to free the disk). */
export function fillDisk(dir: string): string {
  const file = path.join(dir, "fill.bin");
  const chunk = Buffer.alloc(64 * 1024);
  const fd = fs.openSync(file, "w");
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          fs.writeSync(fd, chunk, 0, size);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
