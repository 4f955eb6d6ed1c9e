import path from "node:path";
import { getConfig } from "@/lib/config";
import { listDir, removeStale } from "@/lib/storage";

// putArtifact's temp names: `<sha256>.<ext>.<uuid>.tmp`, renamed to `<sha256>.<ext>` when written.
const isTemp = (name: string) => /\.[0-9a-f-]{36}\.tmp$/.test(name);

/** Start-up, after a crash: artifacts written but never renamed into place, older than this process. */
export async function removeArtifactLeftovers(): Promise<string[]> {
  const root = path.join(getConfig().dataDir, "artifacts");
  const removed: string[] = [];
  for (const kind of await listDir(root)) removed.push(...(await removeStale(path.join(root, kind), isTemp)));
  return removed;
}
