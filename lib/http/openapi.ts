import type { z } from "zod";
import { STATUS_BY_CODE, type ErrorCode } from "@/lib/errors";
import type { Access } from "./route";
import { routeSpecOf, type AnyRouteSpec } from "./route-spec";
import { COMPONENTS_PREFIX, ERROR_BODY_SCHEMA, inputSchema, type JsonSchema } from "./openapi-schema";

/** A route file as the document reads it: its URL in OpenAPI form (`/api/projects/{projectId}`) and its exports. */
export type ApiRouteEntry = { path: string; module: Readonly<Record<string, unknown>> };

/** The methods a route file implements with route(); HEAD is Next's GET, OPTIONS lists the methods. */
export const DOCUMENTED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type DocumentedMethod = (typeof DOCUMENTED_METHODS)[number];

export type OpenApiParameter = {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
  description?: string;
  /** A catch-all param ([...path]): one or more segments joined by "/", each percent-encoded. */
  "x-myco-catch-all"?: true;
};

export type OpenApiResponse = { description: string; content?: Record<string, { schema: JsonSchema }> };

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-myco-access": Access;
  "x-myco-project-tokens"?: true;
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, OpenApiResponse>;
};

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Partial<Record<Lowercase<DocumentedMethod>, OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, string>> };
};

const SECURITY_SCHEMES = {
  session: {
    type: "apiKey", in: "cookie", name: "myco.session",
    description: "The IDE's sign-in session (__Host-myco.session over https). Changes made with it must come from the IDE's own origin.",
  },
  bearer: { type: "http", scheme: "bearer", description: "An API token (myco_…) from POST /api/tokens: Authorization: Bearer <token>." },
};

const SAFE = new Set<DocumentedMethod>(["GET"]);

const ERROR_REASONS: Partial<Record<ErrorCode, string>> = {
  bad_request: "Malformed input; `field` names it.",
  unauthorized: "No session and no valid API token.",
  forbidden: "A role too low, a read-only or project-limited token, or a session request from another origin.",
  not_found: "No such thing, or another project's.",
  conflict: "The change conflicts with the current state.",
  payload_too_large: "The body is over this route's limit.",
  unprocessable: "Well-formed, but it cannot be done as asked.",
  rate_limited: "Too many requests; Retry-After says how long to wait.",
  internal: "A bug: logged and reported, never detailed.",
  unavailable: "The database or a store is unreachable or read-only.",
  insufficient_storage: "The disk holding a store is full.",
};

/** The refusals route() can answer this operation with (docs/api.md has the whole table). */
function errorCodes(method: DocumentedMethod, spec: AnyRouteSpec): ErrorCode[] {
  const inProject = spec.access.startsWith("project:");
  const codes: ErrorCode[] = ["bad_request"]; // a malformed URL, on any route
  if (spec.access !== "public") codes.push("unauthorized");
  codes.push("forbidden"); // a session request from another origin, or a token's own limits, even on public routes
  if (inProject || spec.params || spec.body) codes.push("not_found");
  if (!SAFE.has(method)) codes.push("conflict");
  if (spec.body) codes.push("payload_too_large");
  if (!SAFE.has(method)) codes.push("unprocessable");
  // route() counts a project change against the writes limit unless the route names its own limits.
  if ((spec.limits?.length ?? 0) > 0 || (inProject && !SAFE.has(method))) codes.push("rate_limited");
  codes.push("internal", "unavailable", "insufficient_storage");
  return codes;
}

const errorResponse = (code: ErrorCode): OpenApiResponse => ({
  description: `${code}: ${ERROR_REASONS[code] ?? ""}`.trim(),
  content: { "application/json": { schema: { $ref: `${COMPONENTS_PREFIX}ErrorBody` } } },
});

function successResponses(method: DocumentedMethod): Record<string, OpenApiResponse> {
  const any = { "application/json": { schema: {} } };
  if (SAFE.has(method)) return { "200": { description: "The resource as JSON (a few GETs stream text/event-stream when asked to).", content: any } };
  return { "2XX": { description: "200 with the result as JSON, 201 with what was created, or 204 with no body.", content: any } };
}

function responsesOf(method: DocumentedMethod, spec: AnyRouteSpec): Record<string, OpenApiResponse> {
  const out = successResponses(method);
  for (const code of errorCodes(method, spec)) out[String(STATUS_BY_CODE[code])] = errorResponse(code);
  return out;
}

function securityOf(access: Access): Record<string, string[]>[] {
  if (access === "app") return [];
  const signedIn: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
  return access === "public" ? [{}, ...signedIn] : signedIn; // {}: a public route also takes no credential
}

function propertiesOf(schema: z.ZodType | undefined, shared: Record<string, JsonSchema>): { props: Record<string, JsonSchema>; required: string[] } {
  if (!schema) return { props: {}, required: [] };
  const json = inputSchema(schema, shared);
  return { props: json.properties ?? {}, required: json.required ?? [] };
}

function pathParameters(path: string, spec: AnyRouteSpec, shared: Record<string, JsonSchema>): OpenApiParameter[] {
  const { props } = propertiesOf(spec.params, shared);
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name = ""]) => {
    const schema = props[name] ?? { type: "string" };
    if (schema.type !== "array") return { name, in: "path", required: true, schema };
    const description = "One or more segments joined by \"/\", each percent-encoded on its own.";
    return { name, in: "path", required: true, schema: { type: "string", minLength: 1 }, description, "x-myco-catch-all": true };
  });
}

function queryParameters(spec: AnyRouteSpec, shared: Record<string, JsonSchema>): OpenApiParameter[] {
  const { props, required } = propertiesOf(spec.query, shared);
  return Object.entries(props).map(([name, schema]) => ({ name, in: "query", required: required.includes(name), schema }));
}

const pascal = (word: string) => word.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");

/** `GET /api/projects/{projectId}/files` → `getProjectsByProjectIdFiles`: unique, since path and method are. */
function operationIdOf(method: DocumentedMethod, path: string): string {
  const words = path.split("/").filter(Boolean).slice(1).map((s) => (/^\{.+\}$/.test(s) ? `By${pascal(s.slice(1, -1))}` : pascal(s)));
  return `${method.toLowerCase()}${words.join("")}`;
}

/** The group an operation is listed under: the resource after /api/projects/{projectId}, else after /api. */
function tagOf(path: string): string {
  const parts = path.split("/").filter(Boolean);
  const inProject = parts[1] === "projects" && parts[2] === "{projectId}" && parts[3] !== undefined;
  return (inProject ? parts[3] : parts[1]) ?? "api";
}

function operationOf(path: string, method: DocumentedMethod, spec: AnyRouteSpec, shared: Record<string, JsonSchema>): OpenApiOperation {
  const op: OpenApiOperation = {
    operationId: operationIdOf(method, path),
    summary: spec.summary ?? `${method} ${path}`,
    tags: [tagOf(path)],
    "x-myco-access": spec.access,
    security: securityOf(spec.access),
    parameters: [...pathParameters(path, spec, shared), ...queryParameters(spec, shared)],
    responses: responsesOf(method, spec),
  };
  if (spec.description) op.description = spec.description;
  if (spec.projectTokens) op["x-myco-project-tokens"] = true;
  if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: inputSchema(spec.body, shared) } } };
  return op;
}

/**
 * The OpenAPI 3.1 document of `entries`, from the zod schemas route() validates with: every method a
 * file implements with route() is an operation; its other exports (notAllowed's 405s) are not.
 */
export function buildOpenApi(entries: readonly ApiRouteEntry[], version = "1"): OpenApiDocument {
  const shared: Record<string, JsonSchema> = { ErrorBody: ERROR_BODY_SCHEMA };
  const paths: OpenApiDocument["paths"] = {};
  for (const { path, module } of entries) {
    for (const method of DOCUMENTED_METHODS) {
      const spec = routeSpecOf(module[method]);
      if (spec) (paths[path] ??= {})[method.toLowerCase() as Lowercase<DocumentedMethod>] = operationOf(path, method, spec, shared);
    }
  }
  const tags = [...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)))].sort();
  return {
    openapi: "3.1.0",
    info: {
      title: "Myco API",
      version,
      description: "Myco's HTTP API on the IDE origin. Call it with an API token: Authorization: Bearer <token> (POST /api/tokens issues one).",
    },
    tags: tags.map((name) => ({ name })),
    paths,
    components: { schemas: shared, securitySchemes: SECURITY_SCHEMES },
  };
}
