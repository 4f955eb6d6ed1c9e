// A request's path as a metric label: the route's shape, never the ids and names in it, so the number of
// time series stays bounded whatever clients send.

/** Route params as Next hands them to a handler: a segment's value, or a catch-all's segments. */
export type RouteParams = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Git SHAs, content hashes and numbers are ids wherever they appear.
const HEX_OR_NUMBER = /^(?:[0-9a-f]{7,128}|\d+)$/i;
// What a static folder of app/ can be called; anything else left over is a value, not part of the shape.
const STATIC_SEGMENT = /^[a-z_][a-z0-9._-]{0,39}$/i;
const MAX_SEGMENTS = 10;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Puts `{name}` where each param's value stands, right to left: a catch-all is always last in Next. */
function markParams(decoded: readonly string[], params: RouteParams): (string | null)[] {
  const marks: (string | null)[] = decoded.map(() => null);
  let end = decoded.length;
  for (const [name, value] of Object.entries(params).reverse()) {
    if (Array.isArray(value)) {
      const start = end - value.length;
      if (value.length === 0 || start < 0 || value.some((v, i) => decoded[start + i] !== v)) continue;
      marks.fill("", start, end);
      marks[start] = `{${name}}`;
      end = start;
    } else if (typeof value === "string") {
      const at = end === 0 ? -1 : decoded.lastIndexOf(value, end - 1);
      if (at < 0) continue;
      marks[at] = `{${name}}`;
      end = at;
    }
  }
  return marks;
}

/**
 * The bounded template of a request path, e.g. `/api/projects/{projectId}/files/{path}`: each route
 * param's segments become `{name}`; UUIDs, hex ids and numbers left over become `{id}`, any other
 * segment that is no folder name `{value}`, and paths deeper than MAX_SEGMENTS end in `{rest}`.
 */
export function routeTemplate(pathname: string, params: RouteParams = {}): string {
  const segments = pathname.split("/").filter(Boolean);
  const decoded = segments.map(decode);
  const marks = markParams(decoded, params);
  const parts: string[] = [];
  for (const [i, segment] of decoded.entries()) {
    const mark = marks[i];
    if (mark === "") continue;
    if (parts.length === MAX_SEGMENTS) {
      parts.push("{rest}");
      break;
    }
    if (mark) parts.push(mark);
    else if (UUID.test(segment) || HEX_OR_NUMBER.test(segment)) parts.push("{id}");
    else parts.push(STATIC_SEGMENT.test(segment) ? segment : "{value}");
  }
  return `/${parts.join("/")}`;
}
