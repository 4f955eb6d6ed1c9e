import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, isUniqueViolation, recordAudit, type Role, type Tx } from "@/lib/db";
import { Email, ROLES, type ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";

const RoleInput = z.enum(ROLES, { error: "must be owner, editor or viewer" });

export const InviteMemberInput = z.strictObject({ email: Email, role: RoleInput });
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

export const UpdateMemberInput = z.strictObject({ role: RoleInput });
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

/** A member, or an invitation waiting for its email to sign up (userId null). */
export type MemberView = {
  userId: string | null;
  invitationId: string | null;
  email: string;
  name: string | null;
  role: Role;
  status: "active" | "invited";
};

/** Members (owners first) and pending invitations of the scoped project. */
export async function listMembers(scope: ProjectScope): Promise<MemberView[]> {
  const db = await getDb();
  const [members, invitations] = await Promise.all([
    db.membership.findMany({ where: { projectId: scope.projectId }, include: { user: true }, orderBy: { createdAt: "asc" } }),
    db.invitation.findMany({ where: { projectId: scope.projectId }, orderBy: { createdAt: "asc" } }),
  ]);
  const rank: Record<Role, number> = { owner: 0, editor: 1, viewer: 2 };
  return [
    ...members
      .sort((a, b) => rank[a.role] - rank[b.role])
      .map((m) => ({ userId: m.userId, invitationId: null, email: m.user.email, name: m.user.name, role: m.role, status: "active" as const })),
    ...invitations.map((i) => ({ userId: null, invitationId: i.id, email: i.email, name: null, role: i.role, status: "invited" as const })),
  ];
}

/**
 * Adds the user with this email to the project, or, if nobody has signed up with it yet, records an
 * invitation that becomes a membership when they do.
 */
export async function inviteMember(scope: ProjectScope, input: InviteMemberInput, log: Logger): Promise<MemberView> {
  const db = await getDb();
  const audit = { projectId: scope.projectId, actorId: scope.userId };
  try {
    const view = await db.$transaction(async (tx): Promise<MemberView> => {
      const user = await tx.user.findUnique({ where: { email: input.email } });
      if (user) {
        await tx.membership.create({ data: { projectId: scope.projectId, userId: user.id, role: input.role } });
        await recordAudit(tx, audit, "member.added", { userId: user.id, role: input.role });
        return { userId: user.id, invitationId: null, email: user.email, name: user.name, role: input.role, status: "active" };
      }
      const inv = await tx.invitation.create({
        data: { projectId: scope.projectId, email: input.email, role: input.role, invitedById: scope.userId },
      });
      await recordAudit(tx, audit, "member.invited", { invitationId: inv.id, role: input.role });
      return { userId: null, invitationId: inv.id, email: inv.email, name: null, role: inv.role, status: "invited" };
    });
    log.info("member.invited", { projectId: scope.projectId, status: view.status });
    return view;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `${input.email} is already a member or invited.`, "email");
    throw err;
  }
}

// A project always keeps at least one owner, or nobody could manage it again.
async function assertOwnerRemains(tx: Tx, scope: ProjectScope, userId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { projectId: scope.projectId, role: "owner", userId: { not: userId } } });
  if (owners === 0) throw new AppError("conflict", "A project needs at least one owner; make someone else owner first.", "role");
}

async function getMembership(tx: Tx, scope: ProjectScope, userId: string) {
  const m = await tx.membership.findUnique({ where: { projectId_userId: { projectId: scope.projectId, userId } } });
  if (!m) throw new AppError("not_found", "No such member.", "userId");
  return m;
}

/** Changes a member's role (owners only). */
export async function updateMemberRole(scope: ProjectScope, userId: string, input: UpdateMemberInput, log: Logger): Promise<MemberView> {
  const db = await getDb();
  const view = await db.$transaction(async (tx) => {
    const m = await getMembership(tx, scope, userId);
    if (m.role === "owner" && input.role !== "owner") await assertOwnerRemains(tx, scope, userId);
    const updated = await tx.membership.update({ where: { id: m.id }, data: { role: input.role }, include: { user: true } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "member.role_changed", { userId, role: input.role });
    return { userId, invitationId: null, email: updated.user.email, name: updated.user.name, role: updated.role, status: "active" as const };
  });
  log.info("member.role_changed", { projectId: scope.projectId, userId, role: input.role });
  return view;
}

/** Removes a member: owners may remove anyone, any member may leave. */
export async function removeMember(scope: ProjectScope, userId: string, log: Logger): Promise<void> {
  if (scope.role !== "owner" && userId !== scope.userId) {
    throw new AppError("forbidden", "Only owners can remove other members.");
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const m = await getMembership(tx, scope, userId);
    if (m.role === "owner") await assertOwnerRemains(tx, scope, userId);
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "member.removed", { userId });
  });
  log.info("member.removed", { projectId: scope.projectId, userId });
}

/** Withdraws a pending invitation (owners only). */
export async function revokeInvitation(scope: ProjectScope, invitationId: string, log: Logger): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.deleteMany({ where: { id: invitationId, projectId: scope.projectId } });
    if (count === 0) throw new AppError("not_found", "No such invitation.", "invitationId");
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "member.invitation_revoked", { invitationId });
  });
  log.info("member.invitation_revoked", { projectId: scope.projectId, invitationId });
}
