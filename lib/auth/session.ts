import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { findTokenGrant } from "./api-tokens";
import type { Identity, TokenGrant } from "./identity";

/** 30 days; a session is re-issued on use, so active users stay signed in. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The session cookie is host-only on the IDE origin (no Domain), so tenant apps on *.apps hosts never
 * receive it; over https it carries the __Host- prefix, which forbids a Domain attribute altogether.
 */
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = getConfig().ideUrl.protocol === "https:";
  return { name: secure ? "__Host-myco.session" : "myco.session", secure };
}

type HeaderSource = { headers: Headers };

async function sessionUserId(source: HeaderSource): Promise<string | null> {
  const { name, secure } = sessionCookie();
  const token = await getToken({
    req: source,
    secret: getConfig().authSecret,
    cookieName: name,
    salt: name,
    secureCookie: secure,
  });
  return typeof token?.sub === "string" ? token.sub : null;
}

async function bearerGrant(header: string): Promise<{ userId: string; grant: TokenGrant }> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError("unauthorized", "The Authorization header must be 'Bearer <token>'.", "authorization");
  const found = await findTokenGrant(match[1]);
  if (!found) throw new AppError("unauthorized", "The API token is invalid, revoked or expired.", "authorization");
  return found;
}

/**
 * Who made this request: an API token (`Authorization: Bearer …`) or the session cookie; null when
 * neither is present. A session whose user has been deleted counts as none.
 */
export async function authenticate(source: HeaderSource): Promise<Identity | null> {
  const header = source.headers.get("authorization");
  const bearer = header ? await bearerGrant(header) : undefined;
  const userId = bearer ? bearer.userId : await sessionUserId(source);
  if (!userId) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const base = { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
  return bearer ? { ...base, via: "token", token: bearer.grant } : { ...base, via: "session" };
}
