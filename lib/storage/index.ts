/**
 * The data dir's stores (the data folder, pglite/, workspaces/, tenants/ with their snapshots,
 * artifacts/): probing them, naming the store behind a full or read-only disk, and removing what a
 * crash left half-written; and the S3-compatible bucket build artifacts may live in instead (its SDK is
 * this module's seam). See docs/operations.md.
 */
/** The stores and the store a path lies in. */
export { storeFolders, storeOf, storeOfPath, type Store, type StoreId } from "./stores";
/** The storage fault behind an error (ENOSPC, EDQUOT, EROFS, EACCES, EPERM, or a message quoting one), as a message or an AppError. */
export { describeFault, faultError, storageFaultOf, type FaultKind, type StorageFault } from "./storage-fault";
/** A real write, fsync and removal in every store, with its free space; for /api/ready and start-up, and to name the store behind a fault. */
export { locateFault, probeStores, removeProbeLeftovers, type StoreProblem } from "./probe-stores";
/** Crash leftovers: temp files older than this process, in a folder. */
export { PROCESS_STARTED_MS, listDir, removeStale } from "./remove-stale";
/** The bytes a folder's files take, for storage figures. */
export { folderBytes } from "./folder-bytes";
/** An S3-compatible bucket of immutable objects (MYCO_ARTIFACTS_URL). */
export { openObjectStore, type ObjectStore } from "./object-store";
