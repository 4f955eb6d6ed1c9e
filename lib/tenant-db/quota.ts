// A database's disk quota: how large a change may grow it, and the error when one would go past it.
import { AppError } from "@/lib/errors";
import type { TenantEnv } from "./tenant-env";

/** The default per-database disk quota: 100 MiB. */
export const DEFAULT_TENANT_QUOTA_BYTES = 100 * 1024 * 1024;
const MIN_QUOTA_BYTES = 64 * 1024;
const MAX_QUOTA_BYTES = 64 * 1024 * 1024 * 1024;

/** Throws unless `quotaBytes` is a quota the platform may set (it comes from a plan, never a request). */
export function assertQuotaBytes(quotaBytes: number): void {
  if (!Number.isInteger(quotaBytes) || quotaBytes < MIN_QUOTA_BYTES || quotaBytes > MAX_QUOTA_BYTES) {
    throw new Error(`quotaBytes must be an integer between ${MIN_QUOTA_BYTES} and ${MAX_QUOTA_BYTES}`);
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** The payload_too_large error for a write that would have grown the database past its quota. */
export function quotaError(env: TenantEnv, quotaBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The ${env} database is full: it may use at most ${formatBytes(quotaBytes)} (${quotaBytes} bytes).`,
  );
}
