import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, recordAudit } from "@/lib/db";
import type { Identity } from "./identity";
import { Email, verifyCredentials } from "./credentials";

const TOKEN_PREFIX = "myco_";
// lastUsedAt is informational; writing it at most once a minute keeps token calls read-only in the common case.
const LAST_USED_RESOLUTION_MS = 60_000;

export const CreateTokenInput = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

/** A token is issued to the signed-in caller, or to whoever proves an account with email and password. */
export const IssueTokenInput = CreateTokenInput.extend({ email: Email.optional(), password: z.string().max(200).optional() });
export type IssueTokenInput = z.infer<typeof IssueTokenInput>;

/** A token as listed: never the secret. */
export type ApiTokenInfo = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
};

/** The one response that carries the secret. */
export type CreatedApiToken = ApiTokenInfo & { token: string };

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const INFO = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

/** Issues a token for `userId`; the secret is returned here once and only its hash is stored. */
export async function createApiToken(userId: string, input: CreateTokenInput): Promise<CreatedApiToken> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 12), expiresAt },
      select: INFO,
    });
    await recordAudit(tx, { actorId: userId }, "token.created", { tokenId: created.id });
    return created;
  });
  return { ...row, token };
}

/** POST /api/tokens: a session or token identity, else the body's email and password, names the owner. */
export async function issueApiToken(identity: Identity | null, input: IssueTokenInput): Promise<CreatedApiToken> {
  const { email, password, ...token } = input;
  if (identity) return createApiToken(identity.userId, token);
  if (!email || !password) {
    throw new AppError("unauthorized", "Sign in, or give the account's email and password.", email ? "password" : "email");
  }
  const user = await verifyCredentials({ email, password });
  if (!user) throw new AppError("unauthorized", "Wrong email or password.", "password");
  return createApiToken(user.id, token);
}

/** The caller's live tokens, newest first. */
export async function listApiTokens(identity: Identity): Promise<ApiTokenInfo[]> {
  const db = await getDb();
  return db.apiToken.findMany({
    where: { userId: identity.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: INFO,
  });
}

/** Revokes one of the caller's tokens; another user's token is not_found. */
export async function revokeApiToken(identity: Identity, tokenId: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: identity.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("not_found", "No such token.", "tokenId");
    await recordAudit(tx, { actorId: identity.userId }, "token.revoked", { tokenId });
  });
}

/** The user id a live token belongs to, or null for an unknown, revoked or expired token. */
export async function findTokenUserId(token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return row.userId;
}
