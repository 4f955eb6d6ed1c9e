import type { TenantScope } from "@/lib/auth";
import { getHeadSha, listFiles } from "@/lib/workspace";

// A commit's tree never changes, so its file list can be kept; one per project (its latest HEAD), for
// the projects built lately. Asking git costs a process (tens of ms on a busy node), more than a rebuild.
const MAX_PROJECTS = 1000;
const listed = new Map<string, { sha: string; files: ReadonlySet<string> }>();

/** The paths of the workspace at HEAD, listed by git once per commit. */
export async function headFiles(scope: TenantScope): Promise<ReadonlySet<string>> {
  const sha = await getHeadSha(scope);
  const known = listed.get(scope.projectId);
  if (known?.sha === sha) return known.files;
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  // Kept only if HEAD did not move while git listed it (a commit landing meanwhile).
  if ((await getHeadSha(scope)) === sha) {
    listed.delete(scope.projectId);
    listed.set(scope.projectId, { sha, files });
    if (listed.size > MAX_PROJECTS) listed.delete(listed.keys().next().value ?? scope.projectId);
  }
  return files;
}
