// Calls route handlers the way Next.js does: a real Request and a context whose params are a Promise.
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Response | Promise<Response>;

export const IDE_ORIGIN = "http://localhost:3000";

export type CallOptions = {
  method?: string;
  path?: string;
  params?: Record<string, string | string[]>;
  body?: unknown;
  /** Raw body text, sent as is (for malformed-JSON tests). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  /** The request's signal: aborting it is the client going away. */
  signal?: AbortSignal;
};

export type CallResult<T = any> = { status: number; body: T; headers: Headers };

/** Invokes `handler` with a Request built from `options`. */
export async function call<T = any>(handler: Handler, options: CallOptions = {}): Promise<CallResult<T>> {
  // A made-up client address per call, as if each came from its own client: handlers called directly have
  // no socket, and per-address limits must not join unrelated calls. Tests of those limits pass their own.
  const headers: Record<string, string> = { "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 254) + 1}`, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`${IDE_ORIGIN}${options.path ?? "/api/test"}`, { method: options.method ?? "GET", headers, body, signal: options.signal });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
