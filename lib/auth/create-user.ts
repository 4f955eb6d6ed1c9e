import { recordAudit, type Tx, type User } from "@/lib/db";

// One lock key serialises account creation, so exactly one user can be first and become platform admin.
const CREATE_USER_LOCK = 7_061_501;

type NewUser = { email: string; name: string; passwordHash?: string; githubId?: string };

/**
 * Creates an account inside `tx`. The first account on a platform becomes its admin; invitations
 * already sent to this email become memberships.
 */
export async function createUser(tx: Tx, data: NewUser, via: "password" | "github"): Promise<User> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CREATE_USER_LOCK})`;
  const isAdmin = (await tx.user.count()) === 0;
  const user = await tx.user.create({ data: { ...data, isAdmin } });
  const invitations = await tx.invitation.findMany({ where: { email: data.email } });
  for (const inv of invitations) {
    await tx.membership.create({ data: { projectId: inv.projectId, userId: user.id, role: inv.role } });
    await recordAudit(tx, { projectId: inv.projectId, actorId: user.id }, "member.joined", { role: inv.role });
  }
  await tx.invitation.deleteMany({ where: { email: data.email } });
  await recordAudit(tx, { actorId: user.id }, "user.signed_up", { via, isAdmin });
  return user;
}
