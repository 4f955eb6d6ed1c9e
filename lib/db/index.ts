// The registry database (accounts, projects, releases, ...): the only owner of Prisma. See docs/database.md.
import type { PrismaClient, Prisma } from "./generated/client";
import { openDb, type OpenDb } from "./open-db";
import { readMigrationStatus, type MigrationStatus } from "./migration-status";
import { readIsReadOnly } from "./read-only";
import { eventData, type AuditSubject } from "./record-audit";

/** The registry's Prisma client. */
export type Db = PrismaClient;

/** The client inside `db.$transaction(async (tx) => ...)`; pass it to operations that must join the transaction. */
export type Tx = Prisma.TransactionClient;

export type { MigrationStatus };

/** The generated Prisma namespace: input types, `Prisma.sql`, `Prisma.JsonNull`, error classes. */
export { Prisma } from "./generated/client";

/** Row types of the registry's models. */
export type {
  User,
  Project,
  Membership,
  Invitation,
  ApiToken,
  MfeVersion,
  FunctionVersion,
  Release,
  ReleaseArtifact,
  Environment,
  Deployment,
  ProjectSecret,
  ProjectAiModel,
  AgentRun,
  ChatMessage,
  AiUsage,
  AuditEvent,
  FunctionInvocation,
} from "./generated/client";

/** The registry's enums, each both a value (`Role.owner`) and a type (`Role`). */
export { Role, EnvName, ArtifactKind, RunStatus, MessageRole, InvocationStatus, AiModelKind } from "./generated/client";

export { isUniqueViolation, isNotFound } from "./prisma-errors";

export { recordAudit, type AuditSubject } from "./record-audit";

export { openCoordinationSession, type CoordinationSession } from "./coordination-session";

// On globalThis so that Next's dev HMR, which re-evaluates this module, reuses the open database:
// a second PGlite on the same directory would abort or corrupt it.
const store = globalThis as typeof globalThis & { __mycoDb?: Promise<OpenDb> };

/**
 * The process-wide client. The first call opens PostgreSQL (DATABASE_URL) or the embedded PGlite in the data
 * dir and applies pending migrations; a failed open is not cached, so the next call tries again.
 */
export async function getDb(): Promise<Db> {
  if (!store.__mycoDb) {
    const opening = openDb();
    store.__mycoDb = opening;
    opening.catch(() => {
      if (store.__mycoDb === opening) store.__mycoDb = undefined;
    });
  }
  return (await store.__mycoDb).prisma;
}

/** Disconnects and closes the database (PGlite included); idempotent, and the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
  const opening = store.__mycoDb;
  store.__mycoDb = undefined;
  // A failed open has nothing to close; its error already went to getDb()'s caller.
  const db = await opening?.catch(() => undefined);
  await db?.close();
}

/** Committed migrations vs the database's history, for readiness checks; opens the database if needed. */
export async function getMigrationStatus(): Promise<MigrationStatus> {
  return readMigrationStatus(await getDb());
}

/** Whether the registry database refuses writes (a standby, or read-only sessions); opens it if needed. */
export async function isDbReadOnly(): Promise<boolean> {
  return readIsReadOnly(await getDb());
}

/**
 * Writes an AuditEvent for a change that has already happened outside the database (a git commit, a
 * tenant database migration, a sign-in), so there is no transaction to share.
 */
export async function recordAuditNow(subject: AuditSubject, action: string, data: Prisma.InputJsonObject = {}): Promise<void> {
  const db = await getDb();
  await db.auditEvent.create({ data: eventData(subject, action, data) });
}
