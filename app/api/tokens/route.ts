import { route, created, notAllowed } from "@/lib/http";
import { IssueTokenInput, issueApiToken, listApiTokens } from "@/lib/auth";

export const GET = route({ access: "user" }, ({ identity }) => listApiTokens(identity));

/** With a session or token, or with `{email, password}`: returns the token once. */
export const POST = route({ access: "public", body: IssueTokenInput }, async ({ identity, body }) =>
  created(await issueApiToken(identity, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
