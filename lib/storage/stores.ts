import path from "node:path";
import { getConfig } from "@/lib/config";

/** The places under the data dir Myco writes to; each is probed, and a fault there is reported by its name. */
export type StoreId = "data" | "registry" | "workspaces" | "tenants" | "snapshots" | "artifacts";

/** A store as operators and callers are told about it: `label` starts a sentence, `contents` follows "the disk holding". */
export type Store = { id: StoreId; label: string; contents: string };

const STORES: Readonly<Record<StoreId, Store>> = {
  data: { id: "data", label: "The data folder", contents: "the data folder" },
  registry: { id: "registry", label: "The registry database store", contents: "the registry database" },
  workspaces: { id: "workspaces", label: "The workspaces store", contents: "workspaces" },
  tenants: { id: "tenants", label: "The tenant databases store", contents: "tenant databases" },
  snapshots: { id: "snapshots", label: "The tenant database snapshots store", contents: "tenant database snapshots" },
  artifacts: { id: "artifacts", label: "The artifacts store", contents: "build artifacts and bundles" },
};

/** The store by id. */
export function storeOf(id: StoreId): Store {
  return STORES[id];
}

// The folder of each store under the data dir; snapshots live inside each project's tenants folder.
const FOLDERS: ReadonlyArray<[StoreId, string]> = [["registry", "pglite"], ["workspaces", "workspaces"], ["tenants", "tenants"], ["artifacts", "artifacts"]];

/** The store folders to probe, with their absolute paths: the data dir itself, then each store; no pglite/ with DATABASE_URL. */
export function storeFolders(): { store: Store; dir: string }[] {
  const { dataDir, databaseUrl } = getConfig();
  const folders = FOLDERS.filter(([id]) => id !== "registry" || !databaseUrl);
  return [{ store: STORES.data, dir: dataDir }, ...folders.map(([id, folder]) => ({ store: STORES[id], dir: path.join(dataDir, folder) }))];
}

/** The store an absolute path lies in, or null when it is outside the data dir. */
export function storeOfPath(file: string): Store | null {
  const relative = path.relative(getConfig().dataDir, path.resolve(file));
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const [first, , third] = relative.split(path.sep);
  if (first === "tenants" && third === "snapshots") return STORES.snapshots;
  const match = FOLDERS.find(([, folder]) => folder === first);
  return match ? STORES[match[0]] : STORES.data;
}
