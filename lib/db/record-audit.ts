import type { Prisma } from "./generated/client";

/** Who an audit event is about: projectId is null for platform-level events, actorId for system actions. */
export type AuditSubject = { projectId?: string | null; actorId?: string | null };

/** Writes an AuditEvent with `tx`, so the event commits or rolls back with the mutation it records. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  subject: AuditSubject,
  action: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  // A JSON round trip drops undefined fields (inputs with unset optionals), which strictUndefinedChecks rejects.
  const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonObject;
  await tx.auditEvent.create({
    data: { projectId: subject.projectId ?? null, actorId: subject.actorId ?? null, action, data: json },
  });
}
