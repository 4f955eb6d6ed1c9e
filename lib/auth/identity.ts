/** Who is calling: a signed-in user (session cookie) or a script (API token). */
export type Identity = Readonly<{
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Cookie-authenticated mutations must pass the same-origin check; token calls cannot be forged by a page. */
  via: "session" | "token";
}>;
