// What the IDE sends to change one row: values by column name, and the row's primary key. Column
// names are allowlisted here and then checked against the table's real columns in the runner.
import { z } from "zod";
import { IDENTIFIER_PATTERN } from "./identifiers";
import { TenantEnv } from "./tenant-env";

/** Columns one change may set; a table has at most 100 (MigrationOperations), SQLite allows 2000. */
export const ROW_MAX_COLUMNS = 2000;
// A primary key spans a few columns; sixteen is generous.
const KEY_MAX_COLUMNS = 16;

const ColumnName = z.string().regex(IDENTIFIER_PATTERN, "is not a column name (letters, digits and _, at most 63)");

/** A cell as JSON gives it: text, a finite number, a boolean (stored as 1 or 0) or null. */
const CellInput = z.union([z.string().max(100_000), z.number().finite(), z.boolean(), z.null()]);
const KeyCell = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);

const columnCount = (max: number) => (v: Record<string, unknown>) => Object.keys(v).length <= max;

/** Values by column name; columns left out take their defaults (insert) or keep their values (update). */
export const RowValues = z.record(ColumnName, CellInput).refine(columnCount(ROW_MAX_COLUMNS), `at most ${ROW_MAX_COLUMNS} columns`);
export type RowValues = z.infer<typeof RowValues>;

/** A row's whole primary key, column by column, e.g. `{ "id": 7 }`. */
export const RowKey = z
  .record(ColumnName, KeyCell)
  .refine((v) => Object.keys(v).length > 0, "give the row's primary key, e.g. { \"id\": 1 }")
  .refine(columnCount(KEY_MAX_COLUMNS), `at most ${KEY_MAX_COLUMNS} columns`);
export type RowKey = z.infer<typeof RowKey>;

/** A new row. */
export const InsertRowInput = z.strictObject({ values: RowValues });
export type InsertRowInput = z.infer<typeof InsertRowInput>;

/** New values for the row with `key`. */
export const UpdateRowInput = z.strictObject({
  key: RowKey,
  values: RowValues.refine((v) => Object.keys(v).length > 0, "give at least one column to change"),
});
export type UpdateRowInput = z.infer<typeof UpdateRowInput>;

/** The row to delete. */
export const DeleteRowInput = z.strictObject({ key: RowKey });
export type DeleteRowInput = z.infer<typeof DeleteRowInput>;

/** The query string of a row change: the environment, which must be dev. */
export const RowChangeQuery = z.strictObject({ env: TenantEnv });
export type RowChangeQuery = z.infer<typeof RowChangeQuery>;
