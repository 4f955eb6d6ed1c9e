/** The HTTP edge: every API route is `route(spec, handler)`. */
/** The route wrapper and its access levels. */
export { route, type Access, type RouteContext, type RouteSpec } from "./route";
/** JSON 405s with Allow for the methods a route file does not implement. */
export { notAllowed } from "./not-allowed";
/** A library's handler (next-auth's) under route()'s URL input rules. */
export { guardHandler } from "./guard-handler";
/** The raw-path check proxy.ts makes before Next decodes params: malformed %-escapes. */
export { findMalformedSegment } from "./check-input";
/** What route() was given for a handler (its zod schemas), for tests that derive inputs from them. */
export { routeSpecOf, type AnyRouteSpec } from "./route-spec";
/** Response helpers: 201, plain JSON and the error body. */
export { created, errorResponse, json, type Created } from "./respond";
/** Start-up checks and database migration (instrumentation.ts). */
export { startServer } from "./start-server";
/** Readiness of the registry database and of every store (/api/ready). */
export { checkReadiness, type Readiness } from "./readiness";
/** next-auth's route handlers, with the sign-in limits. */
export { authHandlers } from "./auth-handlers";
/** A platform rate limit a route declares in its spec (`limits: ["writes"]`). */
export type { RouteLimit } from "./route-limits";
/** Server-sent events. */
export { sse, wantsEventStream, type SseEvent } from "./sse";
