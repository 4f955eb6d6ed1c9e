import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authenticate } from "./session";
import type { Identity } from "./identity";

/** The signed-in user of a server-rendered IDE page, or a redirect to sign-in. */
export async function requirePageIdentity(): Promise<Identity> {
  const identity = await authenticate({ headers: await headers() });
  if (!identity) redirect("/sign-in");
  return identity;
}

/** The signed-in user of a server-rendered page, or null. */
export async function findPageIdentity(): Promise<Identity | null> {
  return authenticate({ headers: await headers() });
}
