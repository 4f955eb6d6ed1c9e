import { getDb, type User } from "@/lib/db";
import { createUser } from "./create-user";

/** What Myco keeps of a GitHub profile. */
export type GithubProfile = { id: string; email: string | null; name: string | null; login: string };

/**
 * Finds or creates the Myco user for a GitHub sign-in: by GitHub id first, then by verified email
 * (GitHub only returns a primary, verified email), linking the accounts.
 */
export async function linkGithubUser(profile: GithubProfile): Promise<User> {
  const db = await getDb();
  const linked = await db.user.findUnique({ where: { githubId: profile.id } });
  if (linked) return linked;
  const email = (profile.email ?? `${profile.id}+${profile.login}@users.noreply.github.com`).toLowerCase();
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) return tx.user.update({ where: { id: existing.id }, data: { githubId: profile.id } });
    return createUser(tx, { email, name: profile.name ?? profile.login, githubId: profile.id }, "github");
  });
}
