import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { storeOf, storeOfPath, type Store } from "./stores";

/** Why a store refused a write: its disk is full (or over quota), it is mounted read-only, or Myco may not write there. */
export type FaultKind = "full" | "read_only" | "denied";

/** A write a store refused: which store (null: somewhere Myco writes, not known which), why, and the errno seen. */
export type StorageFault = { kind: FaultKind; store: Store | null; errno: string; path: string | null };

const KIND_BY_ERRNO: Readonly<Record<string, FaultKind>> = { ENOSPC: "full", EDQUOT: "full", EROFS: "read_only", EACCES: "denied", EPERM: "denied" };

// Errors that carry no errno (git's stderr, PostgreSQL's and SQLite's messages) still say what the kernel said.
const KIND_BY_MESSAGE: ReadonlyArray<[RegExp, FaultKind, string]> = [
  [/No space left on device|could not extend file|database or disk is full/i, "full", "ENOSPC"],
  [/Disk quota exceeded/i, "full", "EDQUOT"],
  [/Read-only file system|attempt to write a readonly database/i, "read_only", "EROFS"],
  [/Permission denied/i, "denied", "EACCES"],
];

// PostgreSQL's disk_full, and Prisma's errors (they wrap the driver's): both come from the registry database.
const PG_DISK_FULL = "53100";
const fromRegistry = (e: Error) => /^(PrismaClient|DriverAdapterError)/.test(e.name);

/** The error and what it wraps (cause, Prisma's driver adapter error), outermost first. */
function chainOf(err: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = err;
  while (current instanceof Error && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

/** The first absolute path inside the data dir a message mentions (git quotes the file it could not write). */
function pathIn(message: string): string | null {
  const { dataDir } = getConfig();
  const at = message.indexOf(dataDir);
  return at < 0 ? null : (message.slice(at).match(/^[^\s'":]+/)?.[0] ?? null);
}

function faultOf(e: Error & { code?: unknown; path?: unknown }, registry: boolean): StorageFault | null {
  const errnoKind = typeof e.code === "string" ? KIND_BY_ERRNO[e.code] : undefined;
  const messageKind = errnoKind ? undefined : KIND_BY_MESSAGE.find(([pattern]) => pattern.test(e.message));
  const kind = errnoKind ?? messageKind?.[1] ?? (e.code === PG_DISK_FULL ? "full" : undefined);
  if (!kind) return null;
  const file = typeof e.path === "string" ? e.path : pathIn(e.message);
  const store = file ? storeOfPath(file) : registry ? storeOf("registry") : null;
  // Permission errors are storage faults only inside a store: elsewhere (a signal, a foreign file) they are bugs.
  if (kind === "denied" && !store) return null;
  return { kind, store, errno: errnoKind ? String(e.code) : (messageKind?.[2] ?? "ENOSPC"), path: file };
}

/** The storage fault behind `err` (an errno error, or one wrapping it, or a message quoting the kernel), or null. */
export function storageFaultOf(err: unknown): StorageFault | null {
  const chain = chainOf(err);
  const registry = chain.some(fromRegistry);
  for (const e of chain) {
    const fault = faultOf(e, registry);
    if (fault) return fault;
  }
  return null;
}

const WHY: Readonly<Record<Exclude<FaultKind, "full">, string>> = { read_only: "read-only file system", denied: "permission denied" };

/** What a caller is told: the store's name and the cause, never a path. */
export function describeFault(fault: StorageFault): string {
  if (fault.kind === "full") return `The disk holding ${fault.store?.contents ?? "Myco's data"} is full.`;
  return `${fault.store?.label ?? "The folder Myco writes to"} is not writable (${WHY[fault.kind]}).`;
}

/** The fault as an AppError: 507 insufficient_storage for a full disk, 503 unavailable for one Myco cannot write. */
export function faultError(fault: StorageFault): AppError {
  if (fault.kind === "full") return new AppError("insufficient_storage", `${describeFault(fault)} Try again later.`);
  return new AppError("unavailable", `${describeFault(fault)} Try again later.`);
}
