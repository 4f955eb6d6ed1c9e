import { z } from "zod";
import { getDb, Prisma } from "@/lib/db";

/** The window the dashboard's charts cover: the last hour by minute, or the last day by hour. */
export const StatsRange = z.enum(["hour", "day"]);
export type StatsRange = z.infer<typeof StatsRange>;

/** One bucket of a function's chart; latencies in ms, null when nothing ran in it. */
export type StatsPoint = { at: string; calls: number; errors: number; p50: number | null; p99: number | null };

/** A function's invocations over the range: per bucket, and in total. */
export type FunctionStats = {
  name: string;
  points: StatsPoint[];
  calls: number;
  errors: number;
  /** errors / calls, 0..1; null when nothing ran. */
  errorRate: number | null;
  p50: number | null;
  p99: number | null;
  /** Calls per minute over the whole range. */
  perMinute: number;
};

const SHAPE = { hour: { unit: "minute", buckets: 60, ms: 60_000 }, day: { unit: "hour", buckets: 24, ms: 3_600_000 } } as const;

type BucketRow = { name: string; at: Date; calls: number; errors: number; p50: number | null; p99: number | null };
type TotalRow = { name: string; calls: number; errors: number; p50: number | null; p99: number | null };

const rounded = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/**
 * Invocations of the project's functions over `range`, grouped in the database (a busy function has
 * thousands of calls an hour): calls, errors, p50 and p99 per bucket and in total, for every function
 * named in `names` and any other that ran. Buckets are UTC minutes or hours, oldest first, all present.
 */
export async function functionStats(projectId: string, names: readonly string[], range: StatsRange, now = new Date()): Promise<FunctionStats[]> {
  const { unit, buckets, ms } = SHAPE[range];
  const end = Math.floor(now.getTime() / ms) * ms;
  const since = new Date(end - (buckets - 1) * ms);
  const db = await getDb();
  const where = Prisma.sql`"projectId" = ${projectId}::uuid AND "createdAt" >= ${since}`;
  const [perBucket, totals] = await Promise.all([
    db.$queryRaw<BucketRow[]>(Prisma.sql`
      SELECT "functionName" AS name, date_trunc(${unit}, "createdAt") AS at, count(*)::int AS calls,
             (count(*) FILTER (WHERE "status" = 'error'))::int AS errors,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY "durationMs") AS p99
      FROM "FunctionInvocation" WHERE ${where} GROUP BY 1, 2`),
    db.$queryRaw<TotalRow[]>(Prisma.sql`
      SELECT "functionName" AS name, count(*)::int AS calls, (count(*) FILTER (WHERE "status" = 'error'))::int AS errors,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY "durationMs") AS p99
      FROM "FunctionInvocation" WHERE ${where} GROUP BY 1`),
  ]);
  const all = [...new Set([...names, ...totals.map((t) => t.name)])].sort();
  return all.map((name) => {
    const mine = new Map(perBucket.filter((r) => r.name === name).map((r) => [new Date(r.at).getTime(), r]));
    const points = Array.from({ length: buckets }, (_, i) => {
      const at = since.getTime() + i * ms;
      const row = mine.get(at);
      return { at: new Date(at).toISOString(), calls: row?.calls ?? 0, errors: row?.errors ?? 0, p50: rounded(row?.p50 ?? null), p99: rounded(row?.p99 ?? null) };
    });
    const total = totals.find((t) => t.name === name);
    const calls = total?.calls ?? 0;
    const errors = total?.errors ?? 0;
    return {
      name,
      points,
      calls,
      errors,
      errorRate: calls === 0 ? null : errors / calls,
      p50: rounded(total?.p50 ?? null),
      p99: rounded(total?.p99 ?? null),
      perMinute: Math.round((calls / ((buckets * ms) / 60_000)) * 100) / 100,
    };
  });
}
