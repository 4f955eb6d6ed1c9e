import path from "node:path";
import { getConfig } from "@/lib/config";
import { listDir, removeStale } from "@/lib/storage";

const isStagedRestore = (name: string) => name.endsWith(".sqlite.restore");
const isTemp = (name: string) => name.endsWith(".tmp");
const any = () => true;

/**
 * Start-up, after a crash: a snapshot being put back (`<env>.sqlite.restore`, renamed over the
 * database when whole), a snapshot being taken (`.tmp`, renamed when the backup finished) and the
 * throw-away copies migrations are checked on (checks/), each older than this process.
 */
export async function removeTenantDbLeftovers(): Promise<string[]> {
  const root = path.join(getConfig().dataDir, "tenants");
  const removed: string[] = [];
  for (const projectId of await listDir(root)) {
    const dir = path.join(root, projectId);
    removed.push(
      ...(await removeStale(dir, isStagedRestore)),
      ...(await removeStale(path.join(dir, "snapshots"), isTemp)),
      ...(await removeStale(path.join(dir, "checks"), any)),
    );
  }
  return removed;
}
