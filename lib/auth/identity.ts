/** What an API token allows beyond its owner's own rights: everything, reads only, and/or one project. */
export type TokenGrant = Readonly<{ tokenId: string; readOnly: boolean; projectId: string | null; expiresAt: Date | null }>;

/** Who is calling: a signed-in user (session cookie) or a script (API token). */
export type Identity = Readonly<{
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Cookie-authenticated mutations must pass the same-origin check; token calls cannot be forged by a page. */
  via: "session" | "token";
  /** The token's limits, for a token call; route() and authorize() enforce them. */
  token?: TokenGrant;
}>;
