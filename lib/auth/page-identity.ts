import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { authenticate } from "./session";
import type { Identity } from "./identity";
import { authorize, type ProjectScope } from "./scope";

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

/**
 * The signed-in viewer's scope in the project of a server-rendered page: sign-in first, then Next's 404
 * page for an id that is no UUID or a project the viewer may not see (its existence is not revealed).
 */
export async function requirePageScope(projectId: string): Promise<ProjectScope> {
  const identity = await requirePageIdentity();
  if (!z.uuid().safeParse(projectId).success) notFound();
  try {
    return await authorize(identity, projectId, "viewer");
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
