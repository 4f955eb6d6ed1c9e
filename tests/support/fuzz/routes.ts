// Finds every route module under app/api and app/apps-host, so a new route is fuzzed without anyone
// listing it, and reads what route() was given for each handler.
import fs from "node:fs";
import path from "node:path";
import { routeSpecOf, type AnyRouteSpec } from "@/lib/http";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Next's handler shape, as tests/support/http.ts calls it. */
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Response | Promise<Response>;

/** route()'s body limit when a spec sets none (DEFAULT_MAX_BODY_BYTES in lib/http/parse-input.ts). */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

/** The methods a route file must answer (HEAD is Next's GET unless the file has no GET). */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** A dynamic segment of a route's folder path. */
export type ParamSlot = { name: string; catchAll: boolean; optional: boolean };

/** One exported method of a route file. */
export type RouteHandler = { method: RouteMethod; handler: Handler; spec: AnyRouteSpec | undefined };

/** One route file: where it is, the URL it answers (as the app tree sees it), its params and handlers. */
export type RouteModule = { file: string; urlPath: string; params: ParamSlot[]; handlers: RouteHandler[] };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

function slotOf(segment: string): ParamSlot | undefined {
  const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(segment);
  return m ? { name: m[3] ?? "", catchAll: Boolean(m[2]), optional: Boolean(m[1]) } : undefined;
}

/** Every route module of the app, imported, sorted by URL path. */
export async function discoverRoutes(): Promise<RouteModule[]> {
  const files = [...routeFiles(path.join(ROOT, "app/api")), ...routeFiles(path.join(ROOT, "app/apps-host"))];
  const routes: RouteModule[] = [];
  for (const full of files) {
    const rel = path.relative(path.join(ROOT, "app"), path.dirname(full));
    const segments = rel.split(path.sep);
    const mod = (await import(full)) as Record<string, unknown>;
    const handlers = ROUTE_METHODS.filter((m) => typeof mod[m] === "function").map((method) => {
      const handler = mod[method] as Handler;
      return { method, handler, spec: routeSpecOf(handler) };
    });
    routes.push({
      file: path.relative(ROOT, full),
      urlPath: `/${segments.join("/")}`,
      params: segments.map(slotOf).filter((s): s is ParamSlot => s !== undefined),
      handlers,
    });
  }
  return routes.sort((a, b) => (a.urlPath < b.urlPath ? -1 : 1));
}

// encodeURIComponent throws on a lone surrogate, which a fuzzed param may hold.
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "unencodable";
  }
}

/** The request path for `route` with `params` filled in (only logged by route(); kept realistic). */
export function pathFor(route: RouteModule, params: Record<string, string | string[]>): string {
  return route.urlPath
    .split("/")
    .map((segment) => {
      const slot = slotOf(segment);
      if (!slot) return segment;
      const value = params[slot.name];
      return (Array.isArray(value) ? value : [value ?? ""]).map(encodeSegment).join("/");
    })
    .join("/");
}

/** The handlers a route implements: what its OPTIONS lists, less OPTIONS and HEAD (Next's GET). */
export async function implementedHandlers(route: RouteModule): Promise<RouteHandler[]> {
  const options = route.handlers.find((h) => h.method === "OPTIONS");
  const res = options ? await options.handler(new Request(`http://localhost${route.urlPath}`, { method: "OPTIONS" }), { params: Promise.resolve({}) }) : undefined;
  const allow = (res?.headers.get("allow") ?? "").split(", ");
  return route.handlers.filter((h) => h.method !== "OPTIONS" && h.method !== "HEAD" && allow.includes(h.method));
}
