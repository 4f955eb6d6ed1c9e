import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import type { Identity, ProjectScope } from "@/lib/auth";
import { getDb, type Prisma } from "@/lib/db";

const ISO_TIME = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-12-06T10:00:00Z" });

/** The filters and page of an audit log read; the same for a project's owners and the platform admin. */
export const AuditQuery = z.strictObject({
  /** A user's id or email. */
  actor: z.string().trim().min(1).max(254).optional(),
  /** Only the platform admin's log filters by project; a project's own log is that project's. */
  project: z.uuid().optional(),
  /** An action ("deployment.deployed") or its family ("deployment"). */
  kind: z.string().trim().max(80).regex(/^[a-z_]+(\.[a-z_]+)?$/, "must be an action such as member.added, or its family such as member").optional(),
  from: ISO_TIME.optional(),
  to: ISO_TIME.optional(),
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "must be the nextCursor of an earlier page").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** json: one page; jsonl: every matching event (up to EXPORT_LIMIT), one JSON object per line, as a download. */
  format: z.enum(["json", "jsonl"]).default("json"),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The most events one JSON lines export holds; narrow the time range for more. */
export const EXPORT_LIMIT = 50_000;
const EXPORT_BATCH = 1_000;

/** One audit event as the API shows it. */
export type AuditEventView = {
  id: string;
  time: string;
  action: string;
  projectId: string | null;
  actor: { id: string; email: string | null; name: string | null } | null;
  address: string | null;
  data: Prisma.JsonValue;
};
export type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

type Row = { id: string; createdAt: Date; action: string; projectId: string | null; actorId: string | null; address: string | null; data: Prisma.JsonValue };

function encodeCursor(row: Row): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const time = new Date(at ?? "");
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(time.getTime())) {
    throw new AppError("bad_request", "cursor: must be the nextCursor of an earlier page", "cursor");
  }
  return { at: time, id };
}

async function actorFilter(actor: string | undefined): Promise<Prisma.AuditEventWhereInput> {
  if (!actor) return {};
  if (z.uuid().safeParse(actor).success) return { actorId: actor };
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: actor.toLowerCase() }, select: { id: true } });
  // An unknown email matches nothing rather than everything.
  return { actorId: user?.id ?? "00000000-0000-0000-0000-000000000000" };
}

async function whereOf(query: AuditQuery, projectId: string | undefined): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [await actorFilter(query.actor)];
  if (projectId) and.push({ projectId });
  if (query.kind) and.push(query.kind.includes(".") ? { action: query.kind } : { action: { startsWith: `${query.kind}.` } });
  if (query.from) and.push({ createdAt: { gte: new Date(query.from) } });
  if (query.to) and.push({ createdAt: { lt: new Date(query.to) } });
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    and.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] });
  }
  return { AND: and };
}

async function toViews(rows: Row[]): Promise<AuditEventView[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const db = await getDb();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    time: r.createdAt.toISOString(),
    action: r.action,
    projectId: r.projectId,
    // An actor deleted since keeps their id: events outlive the users they name.
    actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, email: null, name: null }) : null,
    address: r.address,
    data: r.data,
  }));
}

async function readPage(where: Prisma.AuditEventWhereInput, limit: number): Promise<{ rows: Row[]; more: boolean }> {
  const db = await getDb();
  const rows = await db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

async function page(query: AuditQuery, projectId: string | undefined): Promise<AuditPage> {
  const { rows, more } = await readPage(await whereOf(query, projectId), query.limit);
  const last = rows.at(-1);
  return { events: await toViews(rows), nextCursor: more && last ? encodeCursor(last) : null };
}

function exportStream(query: AuditQuery, projectId: string | undefined): Response {
  if (query.cursor) decodeCursor(query.cursor);
  const encoder = new TextEncoder();
  let cursor = query.cursor;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const batch = Math.min(EXPORT_BATCH, EXPORT_LIMIT - sent);
      const { rows, more } = await readPage(await whereOf({ ...query, cursor }, projectId), batch);
      const views = await toViews(rows);
      if (views.length > 0) controller.enqueue(encoder.encode(views.map((v) => `${JSON.stringify(v)}\n`).join("")));
      sent += rows.length;
      const last = rows.at(-1);
      if (!more || !last || sent >= EXPORT_LIMIT) return controller.close();
      cursor = encodeCursor(last);
    },
  });
  const name = `myco-audit-${projectId ?? "platform"}-${new Date().toISOString().slice(0, 10)}.jsonl`;
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}

/** The project's audit events, newest first, paged by cursor, or all of them as JSON lines; for its owners. */
export function readProjectAudit(scope: ProjectScope, query: AuditQuery): Promise<AuditPage> | Response {
  if (query.project && query.project !== scope.projectId) {
    throw new AppError("bad_request", "project: a project's audit log holds only that project's events; leave it out", "project");
  }
  return query.format === "jsonl" ? exportStream(query, scope.projectId) : page(query, scope.projectId);
}

/** Every audit event of the platform (sign-ins, accounts, every project), for the platform admin. */
export function readPlatformAudit(identity: Identity, query: AuditQuery): Promise<AuditPage> | Response {
  if (!identity.isAdmin) throw new AppError("forbidden", "This needs a platform admin.");
  return query.format === "jsonl" ? exportStream(query, query.project) : page(query, query.project);
}

/** Deletes audit events older than the retention (MYCO_AUDIT_RETENTION_DAYS); returns how many went. */
export async function pruneAuditEvents(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - getConfig().auditRetentionDays * 86_400_000);
  const db = await getDb();
  const { count } = await db.auditEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
