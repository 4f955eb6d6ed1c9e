import { randomUUID } from "node:crypto";
import { EventEmitter, on } from "node:events";
import { z } from "zod";
import { publish, subscribe } from "@/lib/coordination";
import { getDb, Prisma, type FunctionInvocation } from "@/lib/db";
import { log, metrics } from "@/lib/log";
import type { TenantScope } from "@/lib/auth";

/** What one invocation leaves behind, as the logs API shows it. */
export type InvocationRecord = Omit<FunctionInvocation, "projectId">;

export const LogsQuery = z.strictObject({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LogsQuery = z.infer<typeof LogsQuery>;

// Live subscribers hear of this node's invocations as they are recorded, and of other nodes' once
// stored: each node announces a stored batch by id, and a node with someone watching reads those rows.
const live = new EventEmitter();
live.setMaxListeners(0);

const channel = (projectId: string, name: string) => `${projectId}:${name}`;

/** A stored invocation as other nodes hear of it: project, function and id (the row has the rest). */
type Stored = [projectId: string, functionName: string, id: string];
// ~150 bytes each: a message stays well under the pub/sub payload limit.
const ANNOUNCE_CHUNK = 40;

subscribe("functions.invocation", (data, origin) => {
  if (origin === "local") return;
  const watched = (data as Stored[]).filter(([projectId, name]) => live.listenerCount(channel(projectId, name)) > 0);
  if (watched.length > 0) void emitStored(watched.map(([, , id]) => id));
});

async function emitStored(ids: string[]): Promise<void> {
  const read = async () => (await getDb()).functionInvocation.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const rows = await read().catch((err: unknown) => {
    log.warn("functions.live_read_failed", { err: err instanceof Error ? err.message : String(err) });
    return [];
  });
  for (const row of rows) live.emit(channel(row.projectId, row.functionName), toRecord(row));
}

function announce(batch: QueuedInvocation[]): void {
  for (let i = 0; i < batch.length; i += ANNOUNCE_CHUNK) {
    publish("functions.invocation", batch.slice(i, i + ANNOUNCE_CHUNK).map((r) => [r.projectId, r.functionName, r.id] satisfies Stored));
  }
}

function toRecord(row: FunctionInvocation): InvocationRecord {
  const { projectId: _projectId, ...rest } = row;
  return rest;
}

type NewInvocation = Omit<Prisma.FunctionInvocationCreateManyInput, "id" | "createdAt" | "logs"> & { logs: Prisma.InputJsonValue };

type QueuedInvocation = Omit<Prisma.FunctionInvocationCreateManyInput, "logs"> & { id: string; createdAt: Date; logs: Prisma.InputJsonValue };

// Records are written in batches off the request path: an insert per invocation would cost more than
// the invocation. Reads flush first, so this process always sees its own records.
const FLUSH_DELAY_MS = 50;
const MAX_BATCH = 200;
let queue: QueuedInvocation[] = [];
let flushing: Promise<void> | undefined;
let timer: NodeJS.Timeout | undefined;

// One statement per batch, its text the same for any batch size (one array per column), so the database
// plans it once. Prisma's createMany compiled a new query per batch on the server's own thread: under
// load that was the largest part of an invocation's cost on this side after the runner's round trip.
// Timestamps go as UTC text (the column has no zone, as Prisma stores it).
// Text a tenant's code chose (its logs, its error's message) as PostgreSQL stores it: no NUL, which text
// and jsonb refuse, and no lone UTF-16 surrogate, which jsonb refuses; each becomes U+FFFD.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storable = (text: string) => text.replace(UNSTORABLE, "\ufffd");
const storableJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? storable(v) : v));
// The int columns hold what a (possibly compromised) runner reports only within their range.
const int4 = (n: number) => Math.min(Math.max(Math.round(Number.isFinite(n) ? n : 0), 0), 2_147_483_647);

function insertBatch(batch: QueuedInvocation[]): Prisma.Sql {
  const column = <T>(pick: (row: QueuedInvocation) => T) => batch.map(pick);
  return Prisma.sql`
    INSERT INTO "FunctionInvocation" ("id", "projectId", "functionName", "versionId", "env", "trigger", "status", "httpStatus",
      "errorCode", "errorMessage", "durationMs", "cpuMs", "cold", "logs", "logsTruncated", "createdAt")
    SELECT * FROM unnest(
      ${column((r) => r.id)}::uuid[], ${column((r) => r.projectId)}::uuid[], ${column((r) => r.functionName)}::text[],
      ${column((r) => r.versionId ?? null)}::uuid[], ${column((r) => r.env)}::text[]::"EnvName"[], ${column((r) => r.trigger)}::text[],
      ${column((r) => r.status)}::text[]::"InvocationStatus"[], ${column((r) => r.httpStatus)}::int[], ${column((r) => r.errorCode ?? null)}::text[],
      ${column((r) => (typeof r.errorMessage === "string" ? storable(r.errorMessage) : null))}::text[], ${column((r) => int4(r.durationMs))}::int[], ${column((r) => int4(r.cpuMs))}::int[],
      ${column((r) => r.cold ?? false)}::boolean[], ${column((r) => storableJson(r.logs))}::text[]::jsonb[],
      ${column((r) => r.logsTruncated ?? false)}::boolean[], ${column((r) => r.createdAt.toISOString())}::text[]::timestamp(3)[])`;
}

/** Writes every queued record; resolves when they are stored (or the failure is logged). */
export function flushInvocations(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const batch = queue;
  queue = [];
  const previous = flushing ?? Promise.resolve();
  const current = previous.then(async () => {
    if (batch.length === 0) return;
    const insert = async (rows: QueuedInvocation[]) => (await getDb()).$executeRaw(insertBatch(rows));
    try {
      await insert(batch);
      announce(batch);
    } catch {
      // A row the database refuses must not take the rest of the batch (other tenants' records) with it.
      for (const row of batch) {
        await insert([row]).then(
          () => announce([row]),
          (err: unknown) => log.error("functions.log_write_failed", { projectId: row.projectId }, err),
        );
      }
    }
  });
  flushing = current;
  return current;
}

/** Records an invocation (stored within ~50 ms) and tells live subscribers of that function at once. */
export function recordInvocation(data: NewInvocation): InvocationRecord {
  const row = { ...data, id: randomUUID(), createdAt: new Date() };
  queue.push(row);
  if (queue.length >= MAX_BATCH) void flushInvocations();
  else timer ??= setTimeout(() => void flushInvocations(), FLUSH_DELAY_MS);
  const record = toRecord(row as FunctionInvocation);
  metrics.functionInvocation(row.projectId, record.status === "ok" ? "ok" : (record.errorCode ?? "error"), record.durationMs / 1000);
  live.emit(channel(row.projectId, row.functionName), record);
  return record;
}

/** A function's invocations, newest first; pass `nextCursor` back as `cursor` for older ones. */
export async function listInvocations(scope: TenantScope, name: string, query: LogsQuery): Promise<{ invocations: InvocationRecord[]; nextCursor: string | null }> {
  await flushInvocations();
  const db = await getDb();
  const rows = await db.functionInvocation.findMany({
    where: { projectId: scope.projectId, functionName: name },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
  });
  const page = rows.slice(0, query.limit).map(toRecord);
  return { invocations: page, nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Every new invocation of one function as it is recorded, until `signal` aborts. */
export async function* watchInvocations(scope: TenantScope, name: string, signal: AbortSignal): AsyncGenerator<InvocationRecord> {
  try {
    for await (const [record] of on(live, channel(scope.projectId, name), { signal })) yield record as InvocationRecord;
  } catch (err) {
    if (!(err instanceof Error && err.name === "AbortError")) throw err;
  }
}
