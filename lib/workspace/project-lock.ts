import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { coordinationKind, lockLost, nodeId, withSharedLock } from "@/lib/coordination";
import { log } from "@/lib/log";
import { gitOf, layoutOf, type WorkspaceLayout } from "./layout";
import { rememberHead, resetToHead } from "./commit-info";

/**
 * Runs `fn` while no other call with this key (a project id's purpose, `<id>:release`, ...) runs on any
 * node: what is kept on shared storage or in the shared registry is changed by one writer at a time.
 */
export function withProjectLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return withSharedLock(`project:${key}`, fn);
}

// Written into the git dir (beside the tree, out of the tenant's reach) while a writer holds the
// workspace; one found by the next holder means the last one died mid-write.
const WRITING = "myco-writing";
const isLock = (name: string) => name.endsWith(".lock");

async function removeLocks(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const locks = names.filter(isLock).map((name) => path.join(dir, name));
  await Promise.all(locks.map((file) => fs.rm(file, { force: true })));
  return locks;
}

/**
 * Puts right what a writer that died holding the workspace left: git's lock files (index.lock, HEAD.lock,
 * a branch's), the temp files it never renamed, and its half-applied change (the tree back to HEAD; it
 * was never acknowledged). Only safe while holding the workspace lock: no other writer can be live.
 */
export async function recoverWorkspace(layout: WorkspaceLayout): Promise<string[]> {
  const removed = [
    ...(await removeLocks(layout.gitDir)),
    ...(await removeLocks(path.join(layout.gitDir, "refs", "heads"))),
  ];
  const temps = await fs.readdir(layout.tmp).catch(() => [] as string[]);
  for (const name of temps) {
    await fs.rm(path.join(layout.tmp, name), { force: true, recursive: true });
    removed.push(path.join(layout.tmp, name));
  }
  await resetToHead(gitOf(layout));
  return removed;
}

/**
 * withProjectLock for the project's git workspace, which several nodes may write through a shared
 * folder: a writer that died mid-write (its lock freed with its connection) is cleaned up after first,
 * and this node forgets the HEAD it remembered, since another node may have committed since.
 */
export function withWorkspaceLock<T>(projectId: string, fn: () => Promise<T>): Promise<T> {
  return withProjectLock(projectId, async () => {
    const layout = layoutOf(projectId);
    const marker = path.join(layout.gitDir, WRITING);
    const left = await fs.readFile(marker, "utf8").catch(() => null);
    if (left !== null) {
      const removed = await recoverWorkspace(layout);
      log.warn("workspace.recovered", { projectId, writer: left.slice(0, 200), removed: removed.length });
    }
    if (coordinationKind() !== "local") rememberHead(projectId, undefined);
    // This writer's own mark: one that lost its lock must not remove the next holder's.
    const mark = `${nodeId} ${randomUUID()} ${new Date().toISOString()}`;
    const marked = await fs.writeFile(marker, mark).then(
      () => true,
      () => false, // no repository yet (it is being created)
    );
    try {
      return await fn();
    } finally {
      if (marked && !lockLost() && (await fs.readFile(marker, "utf8").catch(() => null)) === mark) await fs.rm(marker, { force: true });
    }
  });
}
