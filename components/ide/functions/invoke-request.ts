import { INVOKE_METHODS, type InvokeBody, type InvokeMethod } from "./functions-api";

/** What the invoke console's fields hold, as typed. */
export type InvokeDraft = { method: string; path: string; query: string; headers: string; body: string };

/** The request to send, or the field at fault with a message to show beside it (nothing is sent then). */
export type DraftResult = { ok: true; request: InvokeBody } | { ok: false; field: keyof InvokeDraft; message: string };

// RFC 9110 token characters: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `a=1&b=2` (a leading `?` allowed) as the function's `req.query`; a repeated key keeps its last value, as /_fn does. */
export function parseQuery(text: string): Record<string, string> {
  const trimmed = text.trim().replace(/^\?/, "");
  return Object.fromEntries(new URLSearchParams(trimmed));
}

/** One `Name: value` per line (blank lines skipped) as a header record; throws naming the first bad line. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!HEADER_NAME.test(name)) throw new Error(`Line ${index + 1} is not "Name: value".`);
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  });
  return headers;
}

/** The JSON body, or undefined for an empty field; throws with the parser's reason. */
export function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isMethod(value: string): value is InvokeMethod {
  return (INVOKE_METHODS as readonly string[]).includes(value);
}

/** Turns the console's fields into the invoke API's body, checking each before anything is sent. */
export function buildInvokeRequest(draft: InvokeDraft): DraftResult {
  if (!isMethod(draft.method)) return { ok: false, field: "method", message: `Choose one of ${INVOKE_METHODS.join(", ")}.` };
  const path = draft.path.trim() || "/";
  if (!path.startsWith("/")) return { ok: false, field: "path", message: "The path starts with /." };
  let headers: Record<string, string>;
  try {
    headers = parseHeaders(draft.headers);
  } catch (err) {
    return { ok: false, field: "headers", message: (err as Error).message };
  }
  let body: unknown;
  try {
    body = parseBody(draft.body);
  } catch (err) {
    return { ok: false, field: "body", message: (err as Error).message };
  }
  const request: InvokeBody = { method: draft.method, path, query: parseQuery(draft.query), headers };
  return { ok: true, request: body === undefined ? request : { ...request, body } };
}
