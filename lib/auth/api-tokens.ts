import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, recordAudit } from "@/lib/db";
import type { Identity, TokenGrant } from "./identity";
import { Email, verifyCredentials, type SignInGuard } from "./credentials";

const TOKEN_PREFIX = "myco_";
// lastUsedAt is informational; writing it at most once a minute keeps token calls read-only in the common case.
const LAST_USED_RESOLUTION_MS = 60_000;

export const CreateTokenInput = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** Reads only (GET, HEAD). */
  readOnly: z.boolean().optional(),
  /** Only this project (one the owner is a member of). */
  projectId: z.uuid().optional(),
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
  readOnly: boolean;
  projectId: string | null;
};

/** The one response that carries the secret. */
export type CreatedApiToken = ApiTokenInfo & { token: string };

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const INFO = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, readOnly: true, projectId: true } as const;

/**
 * What a new token may do: never more than the token that asks for it (`parent`), so a token cannot
 * outlive, widen or un-scope itself by minting another.
 */
async function grantOf(userId: string, input: CreateTokenInput, parent: TokenGrant | undefined) {
  const requested = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const cap = parent?.expiresAt ?? null;
  const expiresAt = cap && (!requested || requested > cap) ? cap : requested;
  if (parent?.projectId && input.projectId && input.projectId !== parent.projectId) {
    throw new AppError("forbidden", "A token limited to one project can only make tokens for that project.", "projectId");
  }
  const projectId = parent?.projectId ?? input.projectId ?? null;
  if (projectId && input.projectId) {
    const db = await getDb();
    const member = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!member) throw new AppError("not_found", "No such project.", "projectId");
  }
  return { expiresAt, readOnly: Boolean(parent?.readOnly || input.readOnly), projectId };
}

/**
 * Issues a token for `userId` (limited like `parent` when a token asks); the secret is returned here
 * once and only its hash is stored.
 */
export async function createApiToken(userId: string, input: CreateTokenInput, parent?: TokenGrant): Promise<CreatedApiToken> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const grant = await grantOf(userId, input, parent);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 12), ...grant },
      select: INFO,
    });
    await recordAudit(tx, { actorId: userId }, "token.created", { tokenId: created.id });
    return created;
  });
  return { ...row, token };
}

/**
 * POST /api/tokens: a session or token identity, else the body's email and password, names the owner;
 * `guard` (sign-in limits) is asked about a password attempt.
 */
export async function issueApiToken(identity: Identity | null, input: IssueTokenInput, guard: (email: string) => SignInGuard): Promise<CreatedApiToken> {
  const { email, password, ...token } = input;
  if (identity) return createApiToken(identity.userId, token, identity.token);
  if (!email || !password) {
    throw new AppError("unauthorized", "Sign in, or give the account's email and password.", email ? "password" : "email");
  }
  const user = await verifyCredentials({ email, password }, guard(email));
  if (!user) throw new AppError("unauthorized", "Wrong email or password.", "password");
  return createApiToken(user.id, token);
}

// A token bound to one project sees and revokes only tokens bound to that project: it must not learn
// the user's other projects, nor revoke the tokens that reach them.
const visibleTo = (identity: Identity) => ({ userId: identity.userId, ...(identity.token?.projectId && { projectId: identity.token.projectId }) });

/** The caller's live tokens, newest first (for a project-bound token, that project's only). */
export async function listApiTokens(identity: Identity): Promise<ApiTokenInfo[]> {
  const db = await getDb();
  return db.apiToken.findMany({
    where: { ...visibleTo(identity), revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: INFO,
  });
}

/** Revokes one of the caller's tokens; another user's token (or, for a project-bound token, one not bound to its project) is not_found. */
export async function revokeApiToken(identity: Identity, tokenId: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, ...visibleTo(identity), revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("not_found", "No such token.", "tokenId");
    await recordAudit(tx, { actorId: identity.userId }, "token.revoked", { tokenId });
  });
}

/** The owner and limits of a live token, or null for an unknown, revoked or expired token. */
export async function findTokenGrant(token: string): Promise<{ userId: string; grant: TokenGrant } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { userId: row.userId, grant: { tokenId: row.id, readOnly: row.readOnly, projectId: row.projectId, expiresAt: row.expiresAt } };
}
