// Calls a route handler as Next does, with the raw parts a fuzzer needs: a query string as written,
// body bytes as they are, any content type.
import { IDE_ORIGIN } from "../http";
import type { Handler } from "./routes";

export type FuzzRequest = {
  method: string;
  path: string;
  /** Raw query string without "?", sent as written. */
  query?: string;
  params: Record<string, string | string[]>;
  body?: string | Uint8Array;
  contentType?: string;
  token?: string;
  /** Sent instead of the token's Authorization header. */
  headers?: Record<string, string>;
};

export type FuzzResponse = { status: number; text: string; json: any; headers: Headers };

/** Sends one request to `handler`; the answer's body is parsed as JSON when it is JSON. */
export async function send(handler: Handler, req: FuzzRequest): Promise<FuzzResponse> {
  const headers: Record<string, string> = req.headers ? {} : { authorization: `Bearer ${req.token}` };
  if (req.body !== undefined) headers["content-type"] = req.contentType ?? "application/json";
  Object.assign(headers, req.headers);
  const url = `${IDE_ORIGIN}${req.path}${req.query ? `?${req.query}` : ""}`;
  const body = typeof req.body === "string" || req.body === undefined ? req.body : new Uint8Array(req.body);
  const request = new Request(url, { method: req.method, headers, body });
  const res = await handler(request, { params: Promise.resolve(req.params) });
  const text = res.status === 204 ? "" : await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** Why `res` is not a 4xx error JSON naming `field` (any field when undefined), or null when it is. */
export function refusalProblem(res: FuzzResponse, field?: string): string | null {
  if (res.status < 400 || res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  const error = res.json?.error;
  if (typeof error?.code !== "string" || typeof error?.message !== "string") return `no error JSON: ${res.text.slice(0, 200)}`;
  if (typeof error.field !== "string") return `error names no field: ${res.text.slice(0, 200)}`;
  if (field !== undefined && error.field !== field) return `field ${JSON.stringify(error.field)}, expected ${JSON.stringify(field)}: ${error.message}`;
  return null;
}

/** Why `res` broke the rule for input that may be accepted (no 5xx; a 4xx is error JSON with a field), or null. */
export function survivalProblem(res: FuzzResponse): string | null {
  if (res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  return res.status >= 400 ? refusalProblem(res) : null;
}
