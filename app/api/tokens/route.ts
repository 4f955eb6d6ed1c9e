import { route, created, notAllowed } from "@/lib/http";
import { IssueTokenInput, issueApiToken, listApiTokens } from "@/lib/auth";
import { clientAddress, signInGuard } from "@/lib/security";

export const GET = route({ access: "user", summary: "The caller's live API tokens", projectTokens: true }, ({ identity }) => listApiTokens(identity));

/** With a session or token (never more than that token may), or with `{email, password}`: returns the token once. */
export const POST = route({ access: "public", summary: "Issue an API token, shown once", body: IssueTokenInput, limits: ["tokens"] }, async ({ identity, body, req }) =>
  created(await issueApiToken(identity, body, (email) => signInGuard(email, clientAddress(req.headers)))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
