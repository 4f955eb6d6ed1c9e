import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { AppError } from "@/lib/errors";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { recordAuditNow } from "@/lib/db";
import { CredentialsInput, verifyCredentials, type SignInGuard } from "./credentials";
import { linkGithubUser } from "./github";
import { SESSION_MAX_AGE_SECONDS, sessionCookie } from "./session";

/** Tells the sign-in form that the account is locked for a while, rather than "wrong password". */
class TooManyAttempts extends CredentialsSignin {
  override code = "too_many_attempts";
}

/** The sign-in limits for one attempt: the email tried, and the request (its client address). */
export type SignInGuardFor = (email: string, request: Request) => SignInGuard;

function providers(guardFor: SignInGuardFor): NextAuthConfig["providers"] {
  const credentials = Credentials({
    credentials: { email: {}, password: {} },
    async authorize(raw, request) {
      const parsed = CredentialsInput.safeParse({ email: raw.email, password: raw.password });
      if (!parsed.success) return null;
      try {
        const user = await verifyCredentials(parsed.data, guardFor(parsed.data.email, request));
        return user && { id: user.id, email: user.email, name: user.name };
      } catch (err) {
        if (err instanceof AppError && err.code === "rate_limited") throw new TooManyAttempts();
        throw err;
      }
    },
  });
  const github = getConfig().github;
  return github ? [credentials, GitHub({ clientId: github.clientId, clientSecret: github.clientSecret })] : [credentials];
}

function authConfig(guardFor: SignInGuardFor): NextAuthConfig {
  const config = getConfig();
  const cookie = sessionCookie();
  return {
    secret: config.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: {
      sessionToken: { name: cookie.name, options: { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.secure } },
    },
    // next-auth's own error page answers ?error=Configuration with a 500 to anyone who asks for it;
    // the sign-in page shows the same errors (see app/(ide)/sign-in/page.tsx) with a 200.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: providers(guardFor),
    events: {
      // Every sign-in is an audit event (the client address comes from the request, see guardHandler).
      // A GitHub user's own id is known only once linked, in the jwt callback below.
      async signIn({ user, account }) {
        if (account?.provider === "credentials" && user.id) await recordAuditNow({ actorId: user.id }, "user.signed_in", { method: "password" });
      },
    },
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account?.provider === "github" && profile) {
          const user = await linkGithubUser({
            id: String(profile.id),
            email: typeof profile.email === "string" ? profile.email : null,
            name: typeof profile.name === "string" ? profile.name : null,
            login: String(profile.login ?? profile.id),
          });
          token.sub = user.id;
          await recordAuditNow({ actorId: user.id }, "user.signed_in", { method: "github" });
        }
        return token;
      },
    },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace; a request for an
      // unknown action or without its CSRF token is the caller's fault (a 400), not ours to report.
      error: (err) => {
        const type = "type" in err && typeof err.type === "string" ? err.type : err.name;
        if (type === "CredentialsSignin") return;
        if (type === "UnknownAction" || type === "MissingCSRF") log.warn("auth.refused", { type, err: err.message });
        else log.error("auth.error", { type }, err);
      },
      warn: (code) => log.warn("auth.warning", { code }),
    },
  };
}

/**
 * next-auth's handlers (GET/POST for /api/auth/*), configured lazily at first request; `guardFor` puts
 * the sign-in limits around each password attempt (lib/security owns them, and comes after this module).
 */
export function createAuthHandlers(guardFor: SignInGuardFor) {
  return NextAuth(() => authConfig(guardFor)).handlers;
}
