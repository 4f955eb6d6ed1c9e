/** The HTTP edge: every API route is `route(spec, handler)`. */
/** The route wrapper and its access levels. */
export { route, type Access, type RouteContext, type RouteHandler, type RouteSpec } from "./route";
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
/** The /_fn route's handler answered by server.mjs past Next's router, for the calls Next would route to it unchanged. */
export { serveAppFunctionsDirectly, type DirectRoute } from "./direct-app-functions";
/** Start-up checks and database migration (instrumentation.ts). */
export { startServer } from "./start-server";
/** The Prometheus listener startServer() starts on MYCO_METRICS_HOST:MYCO_METRICS_PORT (tests start their own). */
export { startMetricsListener, type MetricsListener } from "./metrics-listener";
/** Readiness of the registry database and of every store (/api/ready). */
export { checkReadiness, type Readiness } from "./readiness";
/** next-auth's route handlers, with the sign-in limits. */
export { authHandlers } from "./auth-handlers";
/** A platform rate limit a route declares in its spec (`limits: ["writes"]`). */
export type { RouteLimit } from "./route-limits";
/** Server-sent events. */
export { sse, wantsEventStream, type SseEvent } from "./sse";
/** The OpenAPI 3.1 document of the API, from the route specs' zod schemas (/api/openapi.json, /api-docs). */
export { buildOpenApi, type ApiRouteEntry, type DocumentedMethod, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from "./openapi";
export type { JsonSchema } from "./openapi-schema";
/** Types of a typed API client: what each route takes and answers, from its zod schemas and handler. */
export type { ApiRoutesOf, RouteInput, RouteResult } from "./api-types";
