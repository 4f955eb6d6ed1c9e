import { getDb } from "@/lib/db";

/** A user as the platform admin sees it. */
export type UserSummary = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  projects: number;
  createdAt: Date;
};

/** Every account, newest first, with how many projects each belongs to; for platform admins only (route access "admin"). */
export async function listUsers(): Promise<UserSummary[]> {
  const db = await getDb();
  const users = await db.user.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { memberships: true } } } });
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, projects: u._count.memberships, createdAt: u.createdAt }));
}
