import type { z } from "zod";
import type { Created } from "./respond";
import type { DocumentedMethod } from "./openapi";
import type { RouteTypesOf } from "./route";

// Types only: what a typed client of the API sends and gets, read off route()'s handlers, so a change to a
// route's schema or result breaks the callers' type-check instead of their requests.

/** What JSON makes of T: dates arrive as ISO strings. */
type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

// A slot the client must fill when its schema takes no empty object, may omit when it does, and has none without a schema.
type Slot<K extends string, S> = S extends z.ZodType ? ({} extends z.input<S> ? { [P in K]?: z.input<S> } : { [P in K]: z.input<S> }) : unknown;

/** What a client sends to the route() handler H: params, query and body as their schemas take them in. */
export type RouteInput<H> = RouteTypesOf<H> extends { params: infer P; query: infer Q; body: infer B } ? Slot<"params", P> & Slot<"query", Q> & Slot<"body", B> : never;

// A Response of the handler's own (an event stream, a page) is not JSON; a handler that only ever answers one has no JSON result.
type JsonPart<R> = R extends Response ? never : R extends Created<infer T> ? T : R;
type OrUnknown<T> = [T] extends [never] ? unknown : T;

/** What H answers with as JSON: created()'s value for 201, undefined for 204. */
export type RouteResult<H> = RouteTypesOf<H> extends { result: infer R } ? OrUnknown<Jsonified<JsonPart<Awaited<R>>>> : never;

/** A route file's route() methods. */
type RouteMethods<M> = { [K in keyof M & DocumentedMethod as [RouteTypesOf<M[K]>] extends [never] ? never : K]: M[K] };

/** Path (OpenAPI form) → method → handler, for every entry of a route table like app/api/openapi.json/route-table.ts's. */
export type ApiRoutesOf<T extends readonly { path: string; module: object }[]> = { [E in T[number] as E["path"]]: RouteMethods<E["module"]> };
