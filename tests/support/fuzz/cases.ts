// The fuzzed requests for one handler: valid params, query and body with exactly one thing made bad.
import { printableText } from "@/lib/security";
import { DEFAULT_BODY_BYTES, type RouteHandler, type RouteModule } from "./routes";
import { BAD_BASE64, HOSTILE_QUERY, HOSTILE_TEXT, MALFORMED_BODIES, MALFORMED_QUERY, UNSTORABLE_TEXT, WRONG_TYPES, type TextClass } from "./classes";
import { contentSites, objectPaths, stringLeaves, withKeyAt, withValueAt, type JsonPath } from "./mutate";
import { queryKeys, validParams, validQuery, validValue, type Fixture } from "./values";

/** One request to make: what it tries, its inputs, and (when it must be refused) the field the error names. */
export type Case = {
  what: string;
  params: Record<string, string | string[]>;
  query?: string;
  body?: string | Uint8Array;
  contentType?: string;
  field?: string;
};

// Oversized bodies are built only for routes whose limit is small enough to build cheaply.
const MAX_OVERSIZE_PROBE_BYTES = 8 * 1024 * 1024;
// Only a NUL survives URL parsing: an unpaired surrogate in a URL arrives as U+FFFD.
const URL_TEXT = UNSTORABLE_TEXT.filter((c) => c.value.includes("\u0000"));

type Base = { params: Record<string, string | string[]>; query: Record<string, string>; body: unknown };

function baseOf(route: RouteModule, h: RouteHandler, fx: Fixture): Base {
  const what = `${h.method} ${route.urlPath}`;
  return {
    params: validParams(route.params, h.spec?.params, fx),
    query: h.spec?.query ? validQuery(h.spec.query, `${what} query`, fx) : {},
    body: h.spec?.body ? validValue(h.spec.body, `${what} body`, fx) : undefined,
  };
}

const enc = encodeURIComponent;

function queryWith(base: Record<string, string>, key: string, rawPart: string): string {
  return [...Object.entries(base).filter(([k]) => k !== key).map(([k, v]) => `${enc(k)}=${enc(v)}`), rawPart].join("&");
}

function queryOf(base: Record<string, string>): string {
  return Object.entries(base).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

function paramCases(route: RouteModule, b: Base, classes: readonly TextClass[], expectField: boolean): Case[] {
  return route.params.flatMap((slot) =>
    classes.map((c) => {
      const valid = b.params[slot.name];
      const value = Array.isArray(valid) ? [...valid.slice(0, -1), c.value] : c.value;
      return { what: `param ${slot.name}: ${c.name}`, params: { ...b.params, [slot.name]: value }, query: queryOf(b.query), body: json(b.body), ...(expectField && { field: slot.name }) };
    }),
  );
}

const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
const dotted = (path: JsonPath) => path.join(".");

// A function on /_fn gets its request body as sent, but JSON only after Myco parsed it under the rules.
function functionBodyCases(h: RouteHandler, b: Base): Case[] {
  if (h.spec?.access !== "app" || h.spec.body || h.method === "GET") return [];
  const at = (what: string, body: string | Uint8Array, field: string, contentType?: string): Case => ({ what: `function body ${what}`, params: b.params, body, field, contentType });
  return [
    ...UNSTORABLE_TEXT.map((c) => at(`fuzz: ${c.name}`, JSON.stringify({ fuzz: c.value }), "fuzz")),
    ...MALFORMED_BODIES.filter((c) => !c.opaque).map((c) => at(c.name, c.body, c.field ?? "body", c.contentType)),
  ];
}

function bodyCases(h: RouteHandler, b: Base): Case[] {
  const schema = h.spec?.body;
  if (!schema) return functionBodyCases(h, b);
  const at = (what: string, body: unknown, field: string | undefined): Case => ({ what: `body ${what}`, params: b.params, query: queryOf(b.query), body: json(body), field });
  const leaves = stringLeaves(b.body);
  const cases = [
    ...leaves.flatMap((p) => UNSTORABLE_TEXT.map((c) => at(`${dotted(p)}: ${c.name}`, withValueAt(b.body, p, c.value), dotted(p)))),
    ...objectPaths(b.body).flatMap((p) => UNSTORABLE_TEXT.map((c) => at(`key in ${dotted(p) || "body"}: ${c.name}`, withKeyAt(b.body, p, c.value), dotted([...p, printableText(c.value)])))),
    ...contentSites(b.body).flatMap((p) => BAD_BASE64.map((c) => at(`${dotted(p)} base64: ${c.name}`, withValueAt(withValueAt(b.body, [...p, "encoding"], "base64"), [...p, "content"], c.value), dotted([...p, "content"])))),
    ...leaves.flatMap((p) => WRONG_TYPES.map((t) => ({ p, t, body: withValueAt(b.body, p, t.value) })))
      .filter(({ body }) => !schema.safeParse(body).success)
      .map(({ p, t, body }) => at(`${dotted(p)}: ${t.name}`, body, dotted(p))),
    ...MALFORMED_BODIES.map((c) => ({ what: `body: ${c.name}`, params: b.params, query: queryOf(b.query), body: c.body, contentType: c.contentType, field: c.field ?? "body" })),
  ];
  const limit = h.spec?.maxBodyBytes ?? DEFAULT_BODY_BYTES;
  if (limit <= MAX_OVERSIZE_PROBE_BYTES) cases.push(at(`over ${limit} bytes`, { pad: "x".repeat(limit) }, "body"));
  return cases;
}

/** Requests that must each be a 4xx naming the field, whatever the route's schema accepts. */
export function refusedCases(route: RouteModule, h: RouteHandler, fx: Fixture): Case[] {
  const b = baseOf(route, h, fx);
  const keys = h.spec?.query ? queryKeys(h.spec.query) : ["x"];
  const queryText = keys.flatMap((key) =>
    URL_TEXT.map((c) => ({ what: `query ${key}: ${c.name}`, params: b.params, query: queryWith(b.query, key, `${enc(key)}=${enc(c.value)}`), body: json(b.body), field: key })),
  );
  const queryKeyText = URL_TEXT.map((c) => ({ what: `query key: ${c.name}`, params: b.params, query: queryWith(b.query, "", `${enc(c.value)}=1`), body: json(b.body), field: c.value }));
  const queryForm = h.spec?.query
    ? keys.flatMap((key) => MALFORMED_QUERY.map((c) => ({ what: `query ${key}: ${c.name}`, params: b.params, query: queryWith(b.query, key, c.raw(key)), body: json(b.body), field: key })))
    : [];
  return [...paramCases(route, b, UNSTORABLE_TEXT, true), ...queryText, ...queryKeyText, ...queryForm, ...bodyCases(h, b)];
}

/** Requests that may succeed but must never be a 5xx (and a 4xx names its field). */
export function hostileCases(route: RouteModule, h: RouteHandler, fx: Fixture, options: { skipBodies: boolean }): Case[] {
  const b = baseOf(route, h, fx);
  const keys = h.spec?.query ? queryKeys(h.spec.query) : [];
  const query = keys.flatMap((key) => [
    ...HOSTILE_TEXT.map((c) => ({ what: `query ${key}: ${c.name}`, params: b.params, query: queryWith(b.query, key, `${enc(key)}=${enc(c.value)}`), body: json(b.body) })),
    ...HOSTILE_QUERY.map((c) => ({ what: `query ${key}: ${c.name}`, params: b.params, query: queryWith(b.query, key, c.raw(key)), body: json(b.body) })),
  ]);
  const schema = h.spec?.body;
  const body = !schema || options.skipBodies
    ? []
    : stringLeaves(b.body).flatMap((p) => [
        ...HOSTILE_TEXT.map((c) => ({ what: `body ${dotted(p)}: ${c.name}`, params: b.params, query: queryOf(b.query), body: json(withValueAt(b.body, p, c.value)) })),
        ...WRONG_TYPES.map((t) => ({ t, value: withValueAt(b.body, p, t.value) }))
          .filter(({ value }) => schema.safeParse(value).success)
          .map(({ t, value }) => ({ what: `body ${dotted(p)}: ${t.name}`, params: b.params, query: queryOf(b.query), body: json(value) })),
      ]);
  // Bodies route() does not parse: next-auth's forms, and the ones a function on /_fn gets as sent.
  const forFunction = h.spec?.access === "app" && !h.spec.body && h.method !== "GET";
  const unparsed = MALFORMED_BODIES.filter((c) => !h.spec || (forFunction && c.opaque)).map((c) => ({ what: `body: ${c.name}`, params: b.params, body: c.body, contentType: c.contentType }));
  return [...paramCases(route, b, HOSTILE_TEXT, false), ...query, ...body, ...unparsed];
}

/** The valid request for a handler: what header fuzzing sends with each hostile set of headers. */
export function validCase(route: RouteModule, h: RouteHandler, fx: Fixture): Case {
  const b = baseOf(route, h, fx);
  return { what: "valid", params: b.params, query: queryOf(b.query), body: json(b.body) };
}
