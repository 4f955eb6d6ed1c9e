// The source of one CRUD function per entity. Column names come from a fixed allowlist baked into the
// code and are double-quoted; every value reaches SQL as a parameter, never as text.
import type { EntitySpec } from "./app-spec";

// The part that is the same for every entity; it reads only the constants written above it.
const CRUD_BODY = `const SUMS: string[] = FIELDS.filter((f) => ["integer", "real", "money"].includes(f.type) && !FILTERS.includes(f.name)).map((f) => f.name);
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
    case "email": return typeof raw === "string" && /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(raw) ? raw : undefined;
    case "url": return typeof raw === "string" && /^https?:\\/\\/\\S+$/.test(raw) ? raw : undefined;
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
      if (field.required && !partial) return field.label + " is required.";
      if (raw !== undefined && !field.required) out[field.name] = null;
      continue;
    }
    const value = coerce(field, raw);
    if (value === undefined) return field.label + " is not a valid " + field.type + ".";
    out[field.name] = value;
  }
  return out;
}

async function list(db: Db, query: Record<string, string>) {
  const used = FILTERS.filter((f) => (query[f] ?? "") !== "");
  const where = used.length > 0 ? " WHERE " + used.map((f) => q(f) + " = ?").join(" AND ") : "";
  const params = used.map((f) => Number(query[f]));
  if (query.stats) {
    const sums = SUMS.map((f) => ", COALESCE(SUM(" + q(f) + "), 0) AS " + q("sum_" + f)).join("");
    return (await db.query("SELECT COUNT(*) AS count" + sums + " FROM " + TABLE + where, params))[0] ?? { count: 0 };
  }
  return db.query("SELECT * FROM " + TABLE + where + " ORDER BY " + q("id") + " LIMIT 500", params);
}

async function one(db: Db, id: number) {
  const [row] = await db.query("SELECT * FROM " + TABLE + " WHERE " + q("id") + " = ?", [id]);
  return row ?? fail(404, "Not found.");
}

async function create(db: Db, body: unknown) {
  const row = clean(body, false);
  if (typeof row === "string") return fail(400, row);
  const names = [...Object.keys(row), "created_at"];
  const values = [...Object.values(row), new Date().toISOString()];
  const sql = "INSERT INTO " + TABLE + " (" + names.map(q).join(", ") + ") VALUES (" + names.map(() => "?").join(", ") + ")";
  const { lastInsertRowid } = await db.exec(sql, values);
  return { status: 201, body: { ...row, id: lastInsertRowid } };
}

async function update(db: Db, id: number, body: unknown, partial: boolean) {
  const row = clean(body, partial);
  if (typeof row === "string") return fail(400, row);
  const names = Object.keys(row);
  if (names.length === 0) return one(db, id);
  const sql = "UPDATE " + TABLE + " SET " + names.map((n) => q(n) + " = ?").join(", ") + " WHERE " + q("id") + " = ?";
  const { changes } = await db.exec(sql, [...Object.values(row), id]);
  return changes === 0 ? fail(404, "Not found.") : one(db, id);
}

async function remove(db: Db, id: number) {
  const { changes } = await db.exec("DELETE FROM " + TABLE + " WHERE " + q("id") + " = ?", [id]);
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

/** functions/<table>.ts: GET lists (filters on relation ids, ?stats=1 for counts), POST, PUT/PATCH /<id>, DELETE /<id>. */
export function writeCrudFunction(entity: EntitySpec): string {
  const fields = entity.fields.map(({ name, label, type, required, options }) => ({ name, label, type, required, ...(options ? { options } : {}) }));
  return `// CRUD for "${entity.table}", written by Myco's offline planner.
type Row = Record<string, unknown>;
type Req = { method: string; path: string; query: Record<string, string>; body: unknown };
type Db = {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string, params?: unknown[]): Promise<{ changes: number; lastInsertRowid: number; rows: Row[] }>;
};
type Field = { name: string; label: string; type: string; required: boolean; options?: string[] };

const TABLE = ${JSON.stringify(`"${entity.table}"`)};
const FIELDS: Field[] = ${JSON.stringify(fields)};
const FILTERS: string[] = ${JSON.stringify(entity.relations.map((r) => r.field))};
${CRUD_BODY}`;
}
