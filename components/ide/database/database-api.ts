import { api, type ApiBody, type ApiResult } from "@/components/ui/api-client";
import type { EnvironmentView } from "@/lib/releases";
import type { AppliedMigration, CellValue, ChangedRow, QueryResult, RowsPage, TenantSchema } from "@/lib/tenant-db";

export type { CellValue, QueryResult, RowsPage, TenantSchema };
export type { TenantColumn, TenantTable } from "@/lib/tenant-db";
export type Env = "dev" | "staging" | "prod";
export type Migration = AppliedMigration;
export type Changed = ChangedRow;
/** A value the row editor sends: what JSON can carry for one cell. */
export type CellInput = string | number | boolean | null;
type Environment = Pick<EnvironmentView, "name"> & { current: object | null };

const ROWS = "/api/projects/{projectId}/db/tables/{table}/rows";
// A key as a row page reports it; a blob cell ({ base64 }) is never a key the route takes, and it answers 400 naming `key`.
type KeyInput = ApiBody<typeof ROWS, "DELETE">["key"];

export const getSchema = (projectId: string, env: Env): Promise<ApiResult<TenantSchema>> =>
  api("GET", "/api/projects/{projectId}/db/schema", { params: { projectId }, query: { env } });

export const listMigrations = (projectId: string, env: Env): Promise<ApiResult<Migration[]>> =>
  api("GET", "/api/projects/{projectId}/db/migrations", { params: { projectId }, query: { env } });

/** Whether a release runs in `env` (dev always has the workspace). */
export async function isDeployed(projectId: string, env: Env): Promise<ApiResult<boolean>> {
  if (env === "dev") return { ok: true, data: true };
  const result: ApiResult<Environment[]> = await api("GET", "/api/projects/{projectId}/environments", { params: { projectId } });
  if (!result.ok) return result;
  return { ok: true, data: result.data.some((e) => e.name === env && e.current !== null) };
}

export const getRows = (projectId: string, env: Env, table: string, cursor: string | null): Promise<ApiResult<RowsPage>> =>
  api("GET", ROWS, { params: { projectId, table }, query: { env, limit: 50, cursor: cursor ?? undefined } });

export const runQuery = (projectId: string, env: Env, sql: string): Promise<ApiResult<QueryResult>> =>
  api("POST", "/api/projects/{projectId}/db/query", { params: { projectId }, body: { env, sql } });

export const insertRow = (projectId: string, table: string, values: Record<string, CellInput>): Promise<ApiResult<Changed>> =>
  api("POST", ROWS, { params: { projectId, table }, query: { env: "dev" }, body: { values } });

export const updateRow = (projectId: string, table: string, key: Record<string, CellValue>, values: Record<string, CellInput>): Promise<ApiResult<Changed>> =>
  api("PATCH", ROWS, { params: { projectId, table }, query: { env: "dev" }, body: { key: key as KeyInput, values } });

export const deleteRow = (projectId: string, table: string, key: Record<string, CellValue>): Promise<ApiResult<void>> =>
  api("DELETE", ROWS, { params: { projectId, table }, query: { env: "dev" }, body: { key: key as KeyInput } });
