/** The HTTP edge: every API route is `route(spec, handler)`. */
/** The route wrapper and its access levels. */
export { route, type Access, type RouteContext, type RouteSpec } from "./route";
/** Response helpers: 201, plain JSON and the error body. */
export { created, errorResponse, json, type Created } from "./respond";
/** Start-up checks and database migration (instrumentation.ts). */
export { startServer } from "./start-server";
/** Readiness of the registry database (/api/ready). */
export { checkReadiness, type Readiness } from "./readiness";
/** next-auth's route handlers, with the sign-in limits. */
export { authHandlers } from "./auth-handlers";
/** A platform rate limit a route declares in its spec (`limits: ["writes"]`). */
export type { RouteLimit } from "./route-limits";
/** Server-sent events. */
export { sse, wantsEventStream, type SseEvent } from "./sse";
