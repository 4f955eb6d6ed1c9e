// Every class of bad input the fuzz tests try, in one place (tests/integration/http/fuzz.test.ts calls
// route handlers with them; tests/e2e/fuzz-http.spec.ts sends the HTTP-level ones through the real
// server). `refused` classes must be a 4xx naming the field and store nothing, whatever the route's
// schema says; `hostile` ones are valid text for some fields and must simply never be a 5xx.

/** A bad value for one string: a path param, a query value, a JSON string or key. */
export type TextClass = { name: string; value: string };

/** Refused everywhere: text no store can hold. */
export const UNSTORABLE_TEXT: readonly TextClass[] = [
  { name: "NUL inside", value: "a\u0000b" },
  { name: "NUL alone", value: "\u0000" },
  { name: "lone high surrogate", value: "a\ud800" },
  { name: "lone low surrogate", value: "\udc00a" },
  { name: "surrogates in the wrong order", value: "\udc00\ud800" },
];

/** Valid text for some fields; never a 5xx, and a 4xx names the field. */
export const HOSTILE_TEXT: readonly TextClass[] = [
  { name: "git option", value: "--upload-pack=touch /tmp/pwned" },
  { name: "git config option", value: "-calias.x=!sh" },
  { name: "template option", value: "--template=/tmp" },
  { name: "fullwidth look-alike dots and slash", value: "．．／ｅｔｃ" },
  { name: "traversal", value: "../../etc/passwd" },
  { name: "decoded %2F", value: "a/b" },
  { name: "literal percent-escape", value: "%00%2e%2e" },
  { name: "zero-width and bidi controls", value: "a\u200bb\u202ec" },
  { name: "empty", value: "" },
  { name: "over-long (10,000 chars)", value: "x".repeat(10_000) },
  { name: "SQL and shell metacharacters", value: "'; DROP TABLE users; -- $(id) `id`" },
];

/** A JSON value of the wrong type, put where a string is expected (a 4xx unless the schema accepts it). */
export const WRONG_TYPES: readonly { name: string; value: unknown }[] = [
  { name: "array", value: ["a"] },
  { name: "object", value: { a: "b" } },
  { name: "number", value: 1 },
  { name: "huge number", value: 1e308 },
  { name: "null", value: null },
  { name: "boolean", value: true },
];

/**
 * A whole request body that is malformed: a 4xx naming `field` (default `body`) on every route that
 * reads one. `opaque` ones are valid requests to a tenant's function on /_fn, which gets them as sent.
 */
export type BodyClass = { name: string; body: string | Uint8Array; contentType?: string; field?: string; opaque?: true };

/** JSON nested this deep is refused before anything parses it. */
export const DEEP_NESTING = 10_000;

export const MALFORMED_BODIES: readonly BodyClass[] = [
  { name: `JSON nested ${DEEP_NESTING} deep`, body: `${"[".repeat(DEEP_NESTING)}${"]".repeat(DEEP_NESTING)}` },
  { name: "JSON nested 65 deep inside an object", body: `{"a":${"[".repeat(65)}${"]".repeat(65)}}` },
  { name: "truncated JSON", body: '{"a":' },
  { name: "garbage", body: "\u0001\u0002garbage" },
  { name: "empty body", body: "", opaque: true },
  { name: "whitespace only", body: " \n\t " },
  { name: "invalid UTF-8 bytes", body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: "encoded surrogate bytes (CESU-8)", body: new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]) },
  { name: "JSON with an escaped NUL in a key", body: '{"a\\u0000":1}', field: "a\ufffd" },
  { name: "form content type", body: "a=b", contentType: "application/x-www-form-urlencoded", opaque: true },
  { name: "text content type", body: '{"a":1}', contentType: "text/plain", opaque: true },
  { name: "a JSON array for an object", body: "[]", opaque: true },
  { name: "a JSON string for an object", body: '"x"', opaque: true },
  { name: "a JSON null for an object", body: "null", opaque: true },
];

/** Strings sent as `content` with `encoding: "base64"`: all refused, naming the content field. */
export const BAD_BASE64: readonly TextClass[] = [
  { name: "outside the alphabet", value: "!!!!" },
  { name: "missing padding", value: "YQ" },
  { name: "url-safe alphabet", value: "-_-_" },
  { name: "embedded newline", value: "YWJj\nZA==" },
  { name: "non-canonical trailing bits", value: "YR==" },
  { name: "padding in the middle", value: "YQ==YQ==" },
];

/** A query string fault on a route with a query schema (a 400 naming the key). `raw` replaces one key's `k=v`. */
export const MALFORMED_QUERY: readonly { name: string; raw: (key: string) => string }[] = [
  { name: "repeated key", raw: (k) => `${k}=a&${k}=b` },
  { name: "malformed %-escape", raw: (k) => `${k}=%ZZ` },
  { name: "truncated %-escape", raw: (k) => `${k}=%E0%A4%A` },
  { name: "invalid UTF-8 escape", raw: (k) => `${k}=%FF` },
  { name: "encoded surrogate", raw: (k) => `${k}=%ED%A0%80` },
  { name: "NUL escape", raw: (k) => `${k}=%00` },
];

/** Numbers and arrays in a query value: the schema decides, never a 5xx. */
export const HOSTILE_QUERY: readonly { name: string; raw: (key: string) => string }[] = [
  { name: "huge number", raw: (k) => `${k}=99999999999999999999999` },
  { name: "exponent overflow", raw: (k) => `${k}=1e400` },
  { name: "negative", raw: (k) => `${k}=-1` },
  { name: "not a number", raw: (k) => `${k}=NaN` },
  { name: "array syntax", raw: (k) => `${k}[]=1` },
  { name: "option-like", raw: (k) => `${k}=--upload-pack%3Dx` },
];

/** Request headers the routes read, none carrying a valid credential: never a 5xx, a 4xx names its field. */
export const HOSTILE_HEADERS: readonly { name: string; headers: Record<string, string> }[] = [
  { name: "no credentials", headers: {} },
  { name: "over-long bearer token", headers: { authorization: `Bearer ${"a".repeat(64 * 1024)}` } },
  { name: "another scheme", headers: { authorization: "Basic YTpi" } },
  { name: "bearer with spaces", headers: { authorization: "Bearer a b c" } },
  { name: "over-long garbage session cookie", headers: { cookie: `myco.session=${"x".repeat(64 * 1024)}` } },
  { name: "malformed cookie header", headers: { cookie: "=;;==%ZZ; myco.session; authjs.callback-url=%ZZ" } },
  { name: "cross-site fetch metadata and a null origin", headers: { "sec-fetch-site": "cross-site", origin: "null" } },
  { name: "over-long accept and if-none-match", headers: { accept: "x/y,".repeat(8000), "if-none-match": '"'.repeat(8000) } },
  { name: "JSON declared as UTF-16", headers: { "content-type": "application/json; charset=utf-16" } },
];

/** What the HTTP-level spec sends through the real server: raw paths Node's http module passes as is. */
export const RAW_PATH_SEGMENTS: readonly TextClass[] = [
  { name: "malformed %-escape", value: "%ZZ" },
  { name: "truncated %-escape", value: "%E0%A4%A" },
  { name: "lone %", value: "100%" },
  { name: "invalid UTF-8 escape", value: "%FF" },
  { name: "encoded surrogate", value: "%ED%A0%80" },
];

/** `.` and `..` segments put in front of a path, plain and percent-encoded; the server normalises them before routing. */
export const DOT_SEGMENTS: readonly string[] = ["/.", "/%2e", "/%2E", "/x/..", "/x/%2e%2e", "/x/%2E%2e"];

/** Methods sent to routes that do not implement them (Next's own 405 has an empty body). */
export const REFUSED_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Methods Next does not route at all (TRACE fails inside Next before proxy.ts runs). */
export const UNROUTED_METHODS: readonly string[] = ["TRACE", "PROPFIND", "MKCOL"];

/** Every class, as the closing note lists them. */
export function describeClasses(): string {
  const names = (list: readonly { name: string }[]) => list.map((c) => c.name).join("; ");
  return [
    `unstorable text (params, query values and keys, JSON strings and keys): ${names(UNSTORABLE_TEXT)}`,
    `hostile but storable text (params, query, JSON strings): ${names(HOSTILE_TEXT)}`,
    `wrong JSON types where a string is expected: ${names(WRONG_TYPES)}`,
    `malformed bodies: ${names(MALFORMED_BODIES)}`,
    `invalid base64 content: ${names(BAD_BASE64)}`,
    `malformed query strings: ${names(MALFORMED_QUERY)}`,
    `hostile query values: ${names(HOSTILE_QUERY)}`,
    `hostile headers (no valid credential): ${names(HOSTILE_HEADERS)}`,
    `raw path segments (real server): ${names(RAW_PATH_SEGMENTS)}`,
    `dot segments (real server): ${DOT_SEGMENTS.join(" ")}`,
    `methods a route does not implement: ${REFUSED_METHODS.join(", ")}; methods Next does not route: ${UNROUTED_METHODS.join(", ")}`,
  ].join("\n");
}
