import path from "node:path";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { listDir, removeStale } from "@/lib/storage";
import { layoutOf } from "./layout";
import { withProjectLock } from "./project-lock";

const isTemp = (name: string) => name.endsWith(".tmp");
const isLock = (name: string) => name.endsWith(".lock");

/**
 * Start-up, after a crash: the temp files writeSafe() never renamed, and git's lock files (index.lock,
 * HEAD.lock, a branch's .lock) whose git process died with Myco, which would refuse every later commit.
 * Only files older than this process go: none of its own git processes has started yet. Each project is
 * swept holding its workspace lock, so a git process of another node sharing the folder is never cut short.
 */
export async function removeWorkspaceLeftovers(): Promise<string[]> {
  const projects = await listDir(path.join(getConfig().dataDir, "workspaces"));
  const removed: string[] = [];
  for (const projectId of projects) {
    const layout = layoutOf(projectId);
    const sweep = async () => [
      ...(await removeStale(layout.tmp, isTemp)),
      ...(await removeStale(layout.gitDir, isLock)),
      ...(await removeStale(path.join(layout.gitDir, "refs", "heads"), isLock)),
    ];
    // A project another node holds for longer than a lock wait is left for its own recovery (the marker).
    removed.push(...(await withProjectLock(projectId, sweep).catch((err: unknown) => {
      log.warn("workspace.sweep_skipped", { projectId, err: err instanceof Error ? err.message : String(err) });
      return [];
    })));
  }
  return removed;
}
