import { callApi, type ApiResult } from "@/components/ui/api-client";
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

const base = (projectId: string) => `/api/projects/${projectId}/db`;
const tableRows = (projectId: string, table: string, env: Env) => `${base(projectId)}/tables/${encodeURIComponent(table)}/rows?env=${env}`;

export const getSchema = (projectId: string, env: Env): Promise<ApiResult<TenantSchema>> => callApi(`${base(projectId)}/schema?env=${env}`);

export const listMigrations = (projectId: string, env: Env): Promise<ApiResult<Migration[]>> => callApi(`${base(projectId)}/migrations?env=${env}`);

/** Whether a release runs in `env` (dev always has the workspace). */
export async function isDeployed(projectId: string, env: Env): Promise<ApiResult<boolean>> {
  if (env === "dev") return { ok: true, data: true };
  const result = await callApi<Environment[]>(`/api/projects/${projectId}/environments`);
  if (!result.ok) return result;
  return { ok: true, data: result.data.some((e) => e.name === env && e.current !== null) };
}

export const getRows = (projectId: string, env: Env, table: string, cursor: string | null): Promise<ApiResult<RowsPage>> =>
  callApi(`${tableRows(projectId, table, env)}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);

export const runQuery = (projectId: string, env: Env, sql: string): Promise<ApiResult<QueryResult>> =>
  callApi(`${base(projectId)}/query`, { method: "POST", body: { env, sql } });

export const insertRow = (projectId: string, table: string, values: Record<string, CellInput>): Promise<ApiResult<Changed>> =>
  callApi(tableRows(projectId, table, "dev"), { method: "POST", body: { values } });

export const updateRow = (projectId: string, table: string, key: Record<string, CellValue>, values: Record<string, CellInput>): Promise<ApiResult<Changed>> =>
  callApi(tableRows(projectId, table, "dev"), { method: "PATCH", body: { key, values } });

export const deleteRow = (projectId: string, table: string, key: Record<string, CellValue>): Promise<ApiResult<undefined>> =>
  callApi(tableRows(projectId, table, "dev"), { method: "DELETE", body: { key } });
