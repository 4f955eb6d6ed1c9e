import type { TenantScope } from "@/lib/auth";
import { listFiles } from "@/lib/workspace";
import { getDb } from "@/lib/db";
import { FUNCTION_FILE } from "@/lib/bundler";

/** A function of the workspace, and its most recent build. */
export type FunctionSummary = { name: string; path: string; latestVersion: { id: string; contentHash: string; createdAt: Date } | null };

/** The functions of the workspace at HEAD: each top-level functions/<name>.ts. */
export async function listFunctions(scope: TenantScope): Promise<FunctionSummary[]> {
  const files = (await listFiles(scope)).map((f) => FUNCTION_FILE.exec(f.path)).filter((m): m is RegExpExecArray => m !== null);
  const db = await getDb();
  const versions = await db.functionVersion.findMany({
    where: { projectId: scope.projectId },
    orderBy: { createdAt: "desc" },
    distinct: ["name"],
    select: { id: true, name: true, contentHash: true, createdAt: true },
  });
  const latest = new Map(versions.map((v) => [v.name, v]));
  return files.map((m) => {
    const name = m[1] ?? "";
    const v = latest.get(name);
    return { name, path: m[0], latestVersion: v ? { id: v.id, contentHash: v.contentHash, createdAt: v.createdAt } : null };
  });
}
