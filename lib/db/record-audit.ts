import { currentRequest } from "@/lib/log";
import type { Prisma } from "./generated/client";

/** Who an audit event is about: projectId is null for platform-level events, actorId for system actions. */
export type AuditSubject = { projectId?: string | null; actorId?: string | null };

/** The row an audit event becomes, with the client address of the current request. */
export function eventData(subject: AuditSubject, action: string, data: Prisma.InputJsonObject): Prisma.AuditEventUncheckedCreateInput {
  // A JSON round trip drops undefined fields (inputs with unset optionals), which strictUndefinedChecks rejects.
  const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonObject;
  // The client address comes from the request the change is made for (route() sets it), never from input.
  const address = currentRequest()?.address ?? null;
  return { projectId: subject.projectId ?? null, actorId: subject.actorId ?? null, address, action, data: json };
}

/** Writes an AuditEvent with `tx`, so the event commits or rolls back with the mutation it records. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  subject: AuditSubject,
  action: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  await tx.auditEvent.create({ data: eventData(subject, action, data) });
}
