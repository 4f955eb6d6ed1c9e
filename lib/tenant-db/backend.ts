// Where a project's databases live, behind one interface: every operation of this module (queries,
// writes, schema, rows, migrations, snapshots) asks a TenantDbBackend (current-backend.ts says which)
// and never touches a file itself. Today's backend is SQLite files on the data dir
// (sqlite-file-backend.ts); docs/scaling-out.md plans a libSQL (sqld) one, which is a new implementation
// of this interface and nothing else.
import type { TenantScope } from "@/lib/auth";
import type { LogFields } from "@/lib/log";
import type { RunnerReply, TenantDbRequest } from "./runner-protocol";
import type { TenantEnv } from "./tenant-env";

/** How a caller gives up on its call: abort `signal` (the HTTP request, the function invocation). */
export type CallOptions = { signal?: AbortSignal };

/** A migration recorded in a tenant database; checksum is the sha256 (hex) of its SQL. */
export type AppliedMigration = { name: string; checksum: string; appliedAt: string };

/**
 * A copy of an environment's database: a snapshot taken before a change (kept for undo and rollback,
 * the oldest pruned), or a scratch copy that migrations are tried on and that is then discarded. `key`
 * is an id the platform made (a run id, a UUID), never request input.
 */
export type TenantDbCopy = { env: TenantEnv; snapshot: string } | { env: TenantEnv; scratch: string };

/** One of a project's databases: an environment's own, or a copy of it. */
export type TenantDbRef = { env: TenantEnv } | TenantDbCopy;

export interface TenantDbBackend {
  /**
   * Runs one request on `db` in the project's lane, with a deadline; waiting or running, `signal`
   * cancels it. An environment's database is created, empty and with its ledger, on first use. A change
   * (write, migrate, row) must carry a valid quota, and is refused on a snapshot, which is only read.
   */
  call(scope: TenantScope, db: TenantDbRef, request: TenantDbRequest, timeoutMs: number, fields: LogFields, signal?: AbortSignal): Promise<RunnerReply>;
  /** The migrations `db`'s ledger records, in name order. */
  appliedMigrations(scope: TenantScope, db: TenantDbRef): Promise<AppliedMigration[]>;
  /** Whether `db` exists (a snapshot may have been pruned; an environment may never have been used). */
  exists(scope: TenantScope, db: TenantDbRef): Promise<boolean>;
  /** A consistent online copy of `to.env`'s database as `to`, in the project's lane. */
  copy(scope: TenantScope, to: TenantDbCopy, timeoutMs: number): Promise<RunnerReply>;
  /** Puts snapshot `key` back as `env`'s database, whole; false when there is no such snapshot. */
  restore(scope: TenantScope, env: TenantEnv, key: string): Promise<boolean>;
  /** Removes a scratch copy. */
  discard(scope: TenantScope, copy: Extract<TenantDbCopy, { scratch: string }>): Promise<void>;
  /** The bytes a project's databases take: every environment, its log, and the snapshots. */
  bytes(projectId: string): Promise<number>;
  /** Stops the project's calls and removes every one of its databases. */
  drop(scope: TenantScope): Promise<void>;
  /** Start-up after a crash: removes what an interrupted copy or restore left; the names removed. */
  removeLeftovers(): Promise<string[]>;
  /** Stops every call and closes every connection (shutdown, tests); the next call starts again. */
  close(): void;
}
