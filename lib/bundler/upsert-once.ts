import { isUniqueViolation } from "@/lib/db";

/**
 * A Prisma upsert of a version row that two builds of the same bytes may run at once: the upsert reads
 * then inserts, so on PostgreSQL the slower one fails on the unique key; it then reads the row the
 * faster one made.
 */
export async function upsertOnce<T>(upsert: () => Promise<T>, find: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (isUniqueViolation(err)) return find();
    throw err;
  }
}
