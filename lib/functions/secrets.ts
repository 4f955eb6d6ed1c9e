import { z } from "zod";
import { AppError } from "@/lib/errors";
import { openSealed, sealText } from "@/lib/security";
import { getDb, recordAudit } from "@/lib/db";
import type { ProjectScope } from "@/lib/auth";
import { projectCache } from "./project-cache";

/** An env-style secret name, as functions read it: ctx.env.STRIPE_KEY. */
export const SecretName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,63}$/, "must be UPPER_SNAKE_CASE, at most 64 characters");
export const SetSecretInput = z.strictObject({ value: z.string().min(1, "is required").max(8192, "must be at most 8192 characters") });
export type SetSecretInput = z.infer<typeof SetSecretInput>;

/** A secret as listed: its value is never returned once set. */
export type SecretInfo = { name: string; updatedAt: Date };

const MAX_SECRETS = 100;
// The project and name are the sealed value's context: a ciphertext copied to another project or name
// does not decrypt.
const encrypt = (scope: ProjectScope, name: string, value: string) => sealText(`${scope.projectId}:${name}`, value);
const decrypt = (projectId: string, name: string, stored: string) => openSealed(`${projectId}:${name}`, stored);

/** Names and change dates of the project's secrets. */
export async function listSecrets(scope: ProjectScope): Promise<SecretInfo[]> {
  const db = await getDb();
  return db.projectSecret.findMany({ where: { projectId: scope.projectId }, select: { name: true, updatedAt: true }, orderBy: { name: "asc" } });
}

/** Creates or replaces a secret; only its ciphertext is stored. */
export async function setSecret(scope: ProjectScope, name: string, input: SetSecretInput): Promise<SecretInfo> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const exists = await tx.projectSecret.findUnique({ where: { projectId_name: { projectId: scope.projectId, name } } });
    if (!exists && (await tx.projectSecret.count({ where: { projectId: scope.projectId } })) >= MAX_SECRETS) {
      throw new AppError("conflict", `A project can hold at most ${MAX_SECRETS} secrets.`, "name");
    }
    const ciphertext = encrypt(scope, name, input.value);
    const row = await tx.projectSecret.upsert({
      where: { projectId_name: { projectId: scope.projectId, name } },
      create: { projectId: scope.projectId, name, ciphertext },
      update: { ciphertext },
      select: { name: true, updatedAt: true },
    });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "secret.set", { name });
    return row;
  }).finally(() => cache.forget(scope.projectId));
}

/** Deletes a secret; not_found if there is none by that name. */
export async function deleteSecret(scope: ProjectScope, name: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.projectSecret.deleteMany({ where: { projectId: scope.projectId, name } });
    if (count === 0) throw new AppError("not_found", `No secret ${name}.`, "name");
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "secret.deleted", { name });
  });
  cache.forget(scope.projectId);
}

const cache = projectCache("functions.secrets", loadSecretValues);

/** The decrypted secrets of a project, for a function's ctx.env only. */
export function readSecretValues(projectId: string): Promise<Record<string, string>> {
  return cache.get(projectId);
}

async function loadSecretValues(projectId: string): Promise<Record<string, string>> {
  const db = await getDb();
  const rows = await db.projectSecret.findMany({ where: { projectId } });
  return Object.fromEntries(rows.map((r) => [r.name, decrypt(projectId, r.name, r.ciphertext)]));
}
