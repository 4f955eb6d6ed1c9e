import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { log as rootLog, metrics, routeTemplate, withRequestContext, type Logger, type RouteParams } from "@/lib/log";
import { authenticate, authorize, authorizeApp, type AppScope, type Identity, type ProjectScope } from "@/lib/auth";
import type { Role } from "@/lib/db";
import { assertSameOrigin, clientAddress, clientIp } from "@/lib/security";
import { EnvName } from "@/lib/sdui";
import { faultError, locateFault, storageFaultOf } from "@/lib/storage";
import { DEFAULT_MAX_BODY_BYTES, parseOrThrow, queryObject, readJsonBody } from "./parse-input";
import { errorResponse, toResponse } from "./respond";
import { enforceRouteLimits, type RouteLimit } from "./route-limits";
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
  /** Platform rate limits this route counts each request against, before its body is read; default: "writes" for a change to a project. */
  limits?: readonly RouteLimit[];
  /**
   * A "user" route a token limited to one project may call (it sees only that project there); every
   * other user or admin route refuses such a token.
   */
  projectTokens?: boolean;
  /** One line for the API reference (/api/openapi.json, /api-docs); default "<METHOD> <path>". */
  summary?: string;
  /** More for the API reference, when the summary is not enough. */
  description?: string;
};

declare const routeTypes: unique symbol;

/**
 * What route() makes: Next's handler, carrying its spec's schemas and its result as types only (nothing
 * at run time), so the IDE's typed client (components/ui/api-client.ts) is checked against them.
 */
export type RouteHandler<A extends Access, P, Q, B, R> = ((req: Request, ctx: NextContext) => Promise<Response>) & {
  readonly [routeTypes]?: { access: A; params: P; query: Q; body: B; result: R };
};

/** The types a route() handler carries: its spec's schemas (undefined where it has none) and its result. */
export type RouteTypesOf<H> = H extends { readonly [routeTypes]?: infer T } ? NonNullable<T> : never;

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

const SAFE_METHODS = new Set(["GET", "HEAD"]);

// A change to a project counts against its member's write limit unless its route declares limits of its own.
const countsAsWrite = (access: Access, req: Request) => access.startsWith("project:") && !SAFE_METHODS.has(req.method);

/** A token's own limits: read-only tokens only read; a project's token reaches nothing but that project. */
function assertTokenGrant(identity: Identity, spec: { access: Access; projectTokens?: boolean }, req: Request): void {
  const grant = identity.token;
  if (!grant) return;
  if (grant.readOnly && !SAFE_METHODS.has(req.method)) {
    throw new AppError("forbidden", "This API token is read-only.", "authorization");
  }
  const userLevel = spec.access === "admin" || (spec.access === "user" && !spec.projectTokens);
  if (grant.projectId && userLevel) {
    throw new AppError("forbidden", "This API token is limited to one project; this needs an unrestricted token.", "authorization");
  }
}

async function resolveAccess(spec: RouteSpec<Access, unknown, unknown, unknown>, req: Request, params: unknown): Promise<{ identity: Identity | null; scope?: ProjectScope | AppScope }> {
  const { access } = spec;
  if (access === "app") {
    const { slug, env } = params as { slug?: unknown; env?: unknown };
    if (typeof slug !== "string") throw new Error("route with app access has no slug param");
    const parsedEnv = EnvName.safeParse(env);
    if (!parsedEnv.success) throw new Error("route with app access has no env param");
    return { identity: null, scope: await authorizeApp(slug, parsedEnv.data) };
  }
  const identity = await authenticate(req);
  if (identity?.via === "session") assertSameOrigin(req);
  if (identity) assertTokenGrant(identity, spec, req);
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

/** Retry-After, and the refusing limit as RateLimit-* fields (draft-ietf-httpapi-ratelimit-headers). */
function retryHeaders(err: AppError): Record<string, string> | undefined {
  if (!err.retryAfterSeconds) return undefined;
  const wait = String(err.retryAfterSeconds);
  if (!err.rateLimit) return { "retry-after": wait };
  const { limit, windowSeconds } = err.rateLimit;
  return {
    "retry-after": wait,
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": "0",
    "ratelimit-reset": wait,
    "ratelimit-policy": `${limit};w=${windowSeconds}`,
  };
}

/** Node's error for a request whose client closed the connection before its body was all there. */
const isCutShort = (err: unknown) => err instanceof Error && err.message === "aborted" && (err as NodeJS.ErrnoException).code === "ECONNRESET";

async function failure(err: unknown, req: Request, log: Logger): Promise<Response> {
  if (err instanceof AppError) return errorResponse(err.code, err.message, err.field, retryHeaders(err));
  // The client went away mid-request (an upload cut short): nobody reads the answer, and no fault of ours.
  if (isCutShort(err)) {
    log.info("http.client_gone", { err: "aborted" });
    return errorResponse("bad_request", "The request ended before its body did.", "body");
  }
  if (req.signal.aborted) {
    log.info("http.client_gone", { err: err instanceof Error ? err.message : String(err) });
    return errorResponse("bad_request", "The client closed the request before it was answered.");
  }
  // A full or read-only disk is the operator's to fix, not a bug: the caller is told which store, the log where.
  const found = storageFaultOf(err);
  if (found) {
    const fault = await locateFault(found);
    log.warn("storage.fault", { kind: fault.kind, store: fault.store?.id ?? null, errno: fault.errno, path: fault.path, err: err instanceof Error ? err.message : String(err) });
    const refusal = faultError(fault);
    return errorResponse(refusal.code, refusal.message);
  }
  log.error("http.unhandled", {}, err);
  return errorResponse("internal", "Something went wrong on our side; it has been logged.");
}

/**
 * Wraps a route handler: authenticates, checks CSRF and access, validates params, query and body,
 * maps AppError to its status, a full or read-only store to 507 or 503 naming it, and anything else to a
 * logged 500 that reveals nothing.
 */
export function route<A extends Access, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, R = unknown>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (ctx: RouteContext<A, P, Q, B>) => R,
): RouteHandler<A, P, Q, B, R> {
  return attachSpec((req: Request, next: NextContext) => withRequestContext({ address: clientIp(req.headers) }, async () => {
    const url = new URL(req.url);
    const log = rootLog.child({ requestId: randomUUID(), method: req.method, path: url.pathname });
    const started = performance.now();
    let response: Response;
    let rawParams: RouteParams = {};
    try {
      rawParams = (await next?.params) ?? {};
      assertStorableUrlInput(rawParams, url);
      const params = spec.params ? parseOrThrow(spec.params, rawParams, "params") : undefined;
      const query = spec.query ? parseOrThrow(spec.query, queryObject(url), "query") : undefined;
      const { identity, scope } = await resolveAccess(spec, req, params ?? rawParams);
      const limits = spec.limits ?? (countsAsWrite(spec.access, req) ? (["writes"] as const) : []);
      if (limits.length > 0) await enforceRouteLimits(limits, { identity, projectId: scope?.projectId, address: clientAddress(req.headers) });
      const body = spec.body
        ? parseOrThrow(spec.body, await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "body")
        : undefined;
      const ctx = { req, params, query, body, identity, scope, log } as RouteContext<A, P, Q, B>;
      response = toResponse(await handler(ctx));
    } catch (err) {
      response = await failure(err, req, log);
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.httpRequest(routeTemplate(url.pathname, rawParams), req.method, response.status, seconds);
    log.info("http.request", { status: response.status, durationMs: Math.round(seconds * 1000) });
    return response;
  }), spec as AnyRouteSpec) as RouteHandler<A, P, Q, B, R>;
}
