import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { log as rootLog, type Logger } from "@/lib/log";
import { authenticate, authorize, authorizeApp, type AppScope, type Identity, type ProjectScope } from "@/lib/auth";
import type { Role } from "@/lib/db";
import { assertSameOrigin } from "@/lib/security";
import { DEFAULT_MAX_BODY_BYTES, parseOrThrow, queryObject, readJsonBody } from "./parse-input";
import { errorResponse, toResponse } from "./respond";
import { assertStorableUrlInput } from "./check-input";
import { attachSpec, type AnyRouteSpec } from "./route-spec";

/**
 * Who may call a route: anyone, any signed-in user, a platform admin, a project member of at least a
 * role, or "app": an app's public origin, where no Myco identity is read (the Authorization header and
 * cookies there belong to the app) and the scope is the AppScope of the `slug` param.
 */
export type Access = "public" | "user" | "admin" | `project:${Role}` | "app";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType<infer T> ? T : undefined;

/** What a route declares; params/query/body are validated before the handler runs. */
export type RouteSpec<A extends Access, P, Q, B> = {
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
};

/** What a handler receives. */
export type RouteContext<A extends Access, P, Q, B> = {
  req: Request;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  identity: A extends "public" | "app" ? Identity | null : Identity;
  scope: A extends `project:${string}` ? ProjectScope : A extends "app" ? AppScope : undefined;
  log: Logger;
};

/** Next.js' second handler argument. */
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

async function resolveAccess(access: Access, req: Request, params: unknown): Promise<{ identity: Identity | null; scope?: ProjectScope | AppScope }> {
  if (access === "app") {
    const slug = (params as { slug?: unknown }).slug;
    if (typeof slug !== "string") throw new Error("route with app access has no slug param");
    return { identity: null, scope: await authorizeApp(slug) };
  }
  const identity = await authenticate(req);
  if (identity?.via === "session") assertSameOrigin(req);
  if (access === "public") return { identity };
  if (!identity) throw new AppError("unauthorized", "Sign in or send an API token (Authorization: Bearer <token>).", "authorization");
  if (access === "user") return { identity };
  if (access === "admin") {
    if (!identity.isAdmin) throw new AppError("forbidden", "This needs a platform admin.");
    return { identity };
  }
  const projectId = (params as { projectId?: unknown }).projectId;
  if (typeof projectId !== "string") throw new Error(`route with ${access} access has no projectId param`);
  return { identity, scope: await authorize(identity, projectId, access.slice("project:".length) as Role) };
}

function failure(err: unknown, log: Logger): Response {
  if (err instanceof AppError) {
    const headers = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : undefined;
    return errorResponse(err.code, err.message, err.field, headers);
  }
  log.error("http.unhandled", {}, err);
  return errorResponse("internal", "Something went wrong on our side; it has been logged.");
}

/**
 * Wraps a route handler: authenticates, checks CSRF and access, validates params, query and body,
 * maps AppError to its status and anything else to a logged 500 that reveals nothing.
 */
export function route<A extends Access, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (ctx: RouteContext<A, P, Q, B>) => unknown,
): (req: Request, ctx: NextContext) => Promise<Response> {
  return attachSpec(async (req: Request, next: NextContext) => {
    const url = new URL(req.url);
    const log = rootLog.child({ requestId: randomUUID(), method: req.method, path: url.pathname });
    const started = performance.now();
    let response: Response;
    try {
      const rawParams = (await next?.params) ?? {};
      assertStorableUrlInput(rawParams, url);
      const params = spec.params ? parseOrThrow(spec.params, rawParams, "params") : undefined;
      const query = spec.query ? parseOrThrow(spec.query, queryObject(url), "query") : undefined;
      const { identity, scope } = await resolveAccess(spec.access, req, params ?? rawParams);
      const body = spec.body
        ? parseOrThrow(spec.body, await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "body")
        : undefined;
      const ctx = { req, params, query, body, identity, scope, log } as RouteContext<A, P, Q, B>;
      response = toResponse(await handler(ctx));
    } catch (err) {
      response = failure(err, log);
    }
    log.info("http.request", { status: response.status, durationMs: Math.round(performance.now() - started) });
    return response;
  }, spec as AnyRouteSpec);
}
