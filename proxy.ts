import { NextResponse, type NextRequest } from "next/server";
import { classifyHost, ideSecurityHeaders } from "@/lib/security";
import { errorResponse, findMalformedSegment } from "@/lib/http";

// Methods Next routes; it answers any other with an empty 400 (TRACE never gets here: lib/http/server.mjs answers it).
const ROUTED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

// Refused here, on every host, before Next decodes route params: there a malformed %-escape is a 500.
function refuseMalformed(request: NextRequest): Response | undefined {
  if (!ROUTED_METHODS.has(request.method)) {
    const allow = [...ROUTED_METHODS].join(", ");
    return errorResponse("method_not_allowed", `Myco does not answer ${request.method.slice(0, 20)}.`, "method", { allow });
  }
  const segment = findMalformedSegment(request.nextUrl.pathname);
  if (segment === null) return undefined;
  return errorResponse("bad_request", `path: "${segment.slice(0, 60)}" has malformed percent-encoding.`, "path");
}

// Internal route tree of the apps origin; reachable only through the rewrite below, never on the IDE's host.
const APPS_PREFIX = "/apps-host";

// Liveness and readiness answer on any Host: load balancers and Kubernetes probes call an address (an
// IP, a pod name), not Myco's names. GET and HEAD only; nothing else on an unknown Host is answered.
const PROBES = new Set(["/api/health", "/api/ready"]);

// Runs before every request and routes by Host: the IDE gets a fresh CSP nonce per page (Next applies it
// to its own scripts when it finds the policy on the request) and its security headers; an app host is
// rewritten into the apps route tree; any other Host is refused (but for the probes above).
export function proxy(request: NextRequest): Response {
  const refused = refuseMalformed(request);
  if (refused) return refused;
  const host = classifyHost(request.headers.get("host"));
  const { pathname, search } = request.nextUrl;
  if (host.kind !== "ide" && PROBES.has(pathname) && (request.method === "GET" || request.method === "HEAD")) return NextResponse.next();
  if (host.kind === "app") {
    const url = request.nextUrl.clone();
    url.pathname = `${APPS_PREFIX}/${host.slug}/${host.env}${pathname.replace(/^\/_fn\//, "/myco-fn/").replace(/^\/_myco\//, "/myco-assets/")}`;
    url.search = search;
    return NextResponse.rewrite(url);
  }
  if (host.kind === "unknown") {
    return errorResponse("misdirected", "Unknown host: Myco serves only its IDE origin (MYCO_URL) and app origins (MYCO_APPS_URL).");
  }
  if (pathname === APPS_PREFIX || pathname.startsWith(`${APPS_PREFIX}/`)) return errorResponse("not_found", `No page ${pathname}.`);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = ideSecurityHeaders(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
