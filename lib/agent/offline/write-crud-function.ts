// The source of one CRUD function per entity. Column names come from a fixed allowlist baked into the
// code and are double-quoted; every value reaches SQL as a parameter, never as text.
import type { AppSpec, EntitySpec } from "./app-spec";
import { labelFieldOf } from "./label-field";

// The part that is the same for every entity; it reads only the constants written above it.
const CRUD_BODY = `const SUMS: string[] = FIELDS.filter((f) => ["integer", "real", "money"].includes(f.type) && !FILTERS.includes(f.name)).map((f) => f.name);
const SORTABLE: string[] = ["id", "created_at", ...FIELDS.map((f) => f.name)];
const MAX_PAGE = 100;
const q = (name: string) => '"' + name.replaceAll('"', '""') + '"';
const fail = (status: number, error: string) => ({ status, body: { error } });

function idOf(path: string): number | null | undefined {
  const segment = path.split("/").filter(Boolean)[0];
  if (segment === undefined) return null;
  const id = Number(segment);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function coerce(field: Field, raw: unknown): unknown {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  switch (field.type) {
    case "integer": return Number.isInteger(n) ? n : undefined;
    case "real": case "money": return Number.isFinite(n) ? n : undefined;
    case "boolean": return [true, 1, "1", "true", "yes"].includes(raw as never) ? 1 : [false, 0, "0", "false", "no"].includes(raw as never) ? 0 : undefined;
    case "enum": return typeof raw === "string" && (field.options ?? []).includes(raw) ? raw : undefined;
    case "email": return typeof raw === "string" && /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(raw.trim()) ? raw.trim() : undefined;
    case "url": return typeof raw === "string" && /^https?:\\/\\/\\S+$/.test(raw.trim()) ? raw.trim() : undefined;
    case "date": case "datetime": return typeof raw === "string" && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
    default: return typeof raw === "string" ? raw.slice(0, 10000) : typeof raw === "number" ? String(raw) : undefined;
  }
}

// The browser is not a trust boundary: every value is checked here, whatever the form allowed.
function clean(body: unknown, partial: boolean): Row | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "Send the fields as a JSON object.";
  const input = body as Row;
  const out: Row = {};
  for (const field of FIELDS) {
    const raw = input[field.name];
    if (raw === undefined || raw === null || raw === "") {
      if (field.required && (!partial || raw !== undefined)) return field.label + " is required.";
      if (raw !== undefined && !field.required) out[field.name] = null;
      continue;
    }
    const value = coerce(field, raw);
    if (value === undefined) return field.label + " is not a valid " + field.type + ".";
    out[field.name] = value;
  }
  return out;
}

// Each relation also answers its parent's label, so tables and pickers show names, not ids.
const SELECT = "SELECT t.*" + RELATIONS.map((r) => ", (SELECT p." + q(r.label) + " FROM " + q(r.table) + " p WHERE p." + q("id") + " = t." + q(r.field) + ") AS " + q(r.field + "_label")).join("") + " FROM " + q(TABLE) + " t";

type Where = { sql: string[]; params: unknown[] };

function filtersOf(query: Record<string, string>): Where | string {
  const where: Where = { sql: [], params: [] };
  for (const name of FILTERS) {
    const raw = query[name];
    if (raw === undefined || raw === "") continue;
    const field = FIELDS.find((f) => f.name === name) as Field;
    const value = coerce(field, raw);
    if (value === undefined) return field.label + " is not a valid " + field.type + ".";
    where.sql.push("t." + q(name) + " = ?");
    where.params.push(value);
  }
  const text = (query.q ?? "").trim().slice(0, 200);
  if (text !== "" && SEARCH.length > 0) {
    const pattern = "%" + text.replace(/[\\\\%_]/g, (c) => "\\\\" + c) + "%";
    where.sql.push("(" + SEARCH.map((f) => "t." + q(f) + " LIKE ? ESCAPE '\\\\'").join(" OR ") + ")");
    where.params.push(...SEARCH.map(() => pattern));
  }
  return where;
}

type Cursor = [number, unknown, number];

function readCursor(raw: string | undefined): Cursor | null | undefined {
  if (raw === undefined || raw === "") return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.length === 3 && (value[0] === 0 || value[0] === 1) && Number.isInteger(value[2])) return value as Cursor;
  } catch {
    return undefined;
  }
  return undefined;
}

// Keyset paging over (is null, sort column, id): rows without a value come last in both directions.
async function list(db: Db, query: Record<string, string>) {
  const where = filtersOf(query);
  if (typeof where === "string") return fail(400, where);
  if (query.stats) {
    const sums = SUMS.map((f) => ", COALESCE(SUM(t." + q(f) + "), 0) AS " + q("sum_" + f)).join("");
    const clause = where.sql.length > 0 ? " WHERE " + where.sql.join(" AND ") : "";
    return (await db.query("SELECT COUNT(*) AS count" + sums + " FROM " + q(TABLE) + " t" + clause, where.params))[0] ?? { count: 0 };
  }
  const sort = query.sort || "id";
  if (!SORTABLE.includes(sort)) return fail(400, "sort must be one of: " + SORTABLE.join(", ") + ".");
  if (query.dir !== undefined && query.dir !== "" && query.dir !== "asc" && query.dir !== "desc") return fail(400, "dir must be asc or desc.");
  const desc = query.dir === "desc";
  const paged = query.limit !== undefined && query.limit !== "";
  const limit = paged ? Number(query.limit) : 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > (paged ? MAX_PAGE : 500)) return fail(400, "limit must be a whole number from 1 to " + MAX_PAGE + ".");
  const cursor = readCursor(query.cursor);
  if (cursor === undefined) return fail(400, "cursor is not valid; start again without it.");
  const col = "t." + q(sort);
  const [after, before] = desc ? ["<", "DESC"] : [">", "ASC"];
  if (cursor) {
    const [isNull, value, id] = cursor;
    if (sort === "id") where.sql.push("t.id " + after + " ?");
    else if (isNull === 1) where.sql.push("(" + col + " IS NULL AND t.id " + after + " ?)");
    else where.sql.push("(" + col + " IS NULL OR " + col + " " + after + " ? OR (" + col + " = ? AND t.id " + after + " ?))");
    where.params.push(...(sort === "id" || isNull === 1 ? [id] : [value, value, id]));
  }
  const clause = where.sql.length > 0 ? " WHERE " + where.sql.join(" AND ") : "";
  const order = sort === "id" ? " ORDER BY t.id " + before : " ORDER BY (" + col + " IS NULL), " + col + " " + before + ", t.id " + before;
  const rows = await db.query(SELECT + clause + order + " LIMIT ?", [...where.params, limit + (paged ? 1 : 0)]);
  if (!paged) return rows;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? JSON.stringify([last[sort] === null ? 1 : 0, last[sort] ?? null, Number(last.id)]) : null;
  return { rows: page, nextCursor };
}

async function one(db: Db, id: number) {
  const [row] = await db.query(SELECT + " WHERE t." + q("id") + " = ?", [id]);
  return row ?? fail(404, "Not found.");
}

async function create(db: Db, body: unknown) {
  const row = clean(body, false);
  if (typeof row === "string") return fail(400, row);
  const names = [...Object.keys(row), "created_at"];
  const values = [...Object.values(row), new Date().toISOString()];
  const sql = "INSERT INTO " + q(TABLE) + " (" + names.map(q).join(", ") + ") VALUES (" + names.map(() => "?").join(", ") + ")";
  const { lastInsertRowid } = await db.exec(sql, values);
  return { status: 201, body: await one(db, Number(lastInsertRowid)) };
}

async function update(db: Db, id: number, body: unknown, partial: boolean) {
  const row = clean(body, partial);
  if (typeof row === "string") return fail(400, row);
  const names = Object.keys(row);
  if (names.length === 0) return one(db, id);
  const sql = "UPDATE " + q(TABLE) + " SET " + names.map((n) => q(n) + " = ?").join(", ") + " WHERE " + q("id") + " = ?";
  const { changes } = await db.exec(sql, [...Object.values(row), id]);
  return changes === 0 ? fail(404, "Not found.") : one(db, id);
}

async function remove(db: Db, id: number) {
  const { changes } = await db.exec("DELETE FROM " + q(TABLE) + " WHERE " + q("id") + " = ?", [id]);
  return changes === 0 ? fail(404, "Not found.") : { deleted: id };
}

export default async function handler(req: Req, ctx: { db: Db }) {
  const id = idOf(req.path);
  if (id === undefined) return fail(404, "Not found.");
  if (req.method === "GET") return id === null ? list(ctx.db, req.query) : one(ctx.db, id);
  if (req.method === "POST") return id === null ? create(ctx.db, req.body) : fail(405, "POST to the list, without an id.");
  if (id === null) return fail(400, "Put the id in the path, e.g. PUT /1.");
  if (req.method === "PUT" || req.method === "PATCH") return update(ctx.db, id, req.body, req.method === "PATCH");
  if (req.method === "DELETE") return remove(ctx.db, id);
  return fail(405, "Method not allowed.");
}
`;

/** The types of field whose values a list can be filtered by, besides relations. */
const FILTER_TYPES = new Set(["enum", "boolean"]);
const SEARCH_TYPES = new Set(["text", "email", "url"]);

/**
 * functions/<table>.ts: GET lists (an array, or `{ rows, nextCursor }` with `limit`; `q` searches, `sort`
 * and `dir` order, enum, boolean and relation fields filter, `?stats=1` counts), GET/PUT/PATCH/DELETE
 * /<id>, POST. Its FIELDS and RELATIONS lines are JSON, so the planner can read an entity back from them.
 */
export function writeCrudFunction(entity: EntitySpec, spec: Pick<AppSpec, "entities">): string {
  const fields = entity.fields.map(({ name, label, type, required, options }) => ({ name, label, type, required, ...(options ? { options } : {}) }));
  const relations = entity.relations.flatMap((r) => {
    const parent = spec.entities.find((e) => e.name === r.entity);
    return parent ? [{ field: r.field, entity: parent.name, table: parent.table, label: labelFieldOf(parent) }] : [];
  });
  const filters = [...entity.fields.filter((f) => FILTER_TYPES.has(f.type)).map((f) => f.name), ...relations.map((r) => r.field)];
  const search = entity.fields.filter((f) => SEARCH_TYPES.has(f.type) && !entity.relations.some((r) => r.field === f.name)).map((f) => f.name);
  return `// CRUD for "${entity.table}", written by Myco's offline planner.
type Row = Record<string, unknown>;
type Req = { method: string; path: string; query: Record<string, string>; body: unknown };
type Db = {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string, params?: unknown[]): Promise<{ changes: number; lastInsertRowid: number; rows: Row[] }>;
};
type Field = { name: string; label: string; type: string; required: boolean; options?: string[] };
type Relation = { field: string; entity: string; table: string; label: string };

const TABLE = ${JSON.stringify(entity.table)};
const FIELDS: Field[] = ${JSON.stringify(fields)};
const RELATIONS: Relation[] = ${JSON.stringify(relations)};
const FILTERS: string[] = ${JSON.stringify([...new Set(filters)])};
const SEARCH: string[] = ${JSON.stringify(search)};
${CRUD_BODY}`;
}
