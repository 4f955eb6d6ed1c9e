import type { z } from "zod";
import type { Access, RouteSpec } from "./route";

/** What route() was given, as the fuzz test reads it back: access and the zod schemas of the inputs. */
export type AnyRouteSpec = RouteSpec<Access, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

const SPEC = Symbol("route spec");

/** Keeps `spec` reachable from the handler route() made, without making it part of what Next sees. */
export function attachSpec<H extends object>(handler: H, spec: AnyRouteSpec): H {
  Object.defineProperty(handler, SPEC, { value: spec, enumerable: false });
  return handler;
}

/** The spec a route() handler was made from; undefined for any other function. */
export function routeSpecOf(handler: unknown): AnyRouteSpec | undefined {
  if (typeof handler !== "function") return undefined;
  return (handler as unknown as Record<symbol, AnyRouteSpec | undefined>)[SPEC];
}
