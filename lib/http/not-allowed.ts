import { errorResponse } from "./respond";

/** The methods a route file may export (Next answers OPTIONS itself unless the file does). */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: readonly Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

type Refused<T> = Exclude<Method, keyof T | (T extends { GET: unknown } ? "HEAD" : never)> | "OPTIONS";
type Answer = (req: Request) => Response;

/**
 * Answers for every method a route file does not implement: a JSON 405 `method_not_allowed` (field
 * `method`) with an Allow header, and an OPTIONS that lists the same. Next's own 405 has an empty body,
 * and its automatic OPTIONS would count these 405 answers as implemented. Use it in every route file:
 * `export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });`
 */
export function notAllowed<T extends Partial<Record<Method, unknown>>>(implemented: T): Record<Refused<T>, Answer> {
  const served = new Set(Object.keys(implemented));
  if (served.has("GET")) served.add("HEAD"); // Next answers HEAD with the GET handler.
  const allow = [...served, "OPTIONS"].sort().join(", ");
  const refuse: Answer = (req) =>
    errorResponse("method_not_allowed", `${req.method.slice(0, 20)} is not allowed here; this path answers ${allow}.`, "method", { allow });
  const answers: Record<string, Answer> = { OPTIONS: () => new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } }) };
  for (const method of METHODS) if (!served.has(method)) answers[method] = refuse;
  return answers as Record<Refused<T>, Answer>;
}
