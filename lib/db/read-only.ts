import type { PrismaClient } from "./generated/client";

/** True when the database refuses writes: a standby in recovery, or sessions read-only by default. */
export async function readIsReadOnly(prisma: PrismaClient): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ read_only: boolean }[]>`
    SELECT current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery() AS read_only`;
  return row?.read_only === true;
}
