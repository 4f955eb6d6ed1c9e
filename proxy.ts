import { NextResponse, type NextRequest } from "next/server";
import { classifyHost, ideSecurityHeaders } from "@/lib/security";
import { errorResponse } from "@/lib/http";

// Internal route tree of the apps origin; reachable only through the rewrite below, never on the IDE's host.
const APPS_PREFIX = "/apps-host";

// Runs before every request and routes by Host: the IDE gets a fresh CSP nonce per page (Next applies it
// to its own scripts when it finds the policy on the request) and its security headers; an app host is
// rewritten into the apps route tree; any other Host is refused.
export function proxy(request: NextRequest): Response {
  const host = classifyHost(request.headers.get("host"));
  const { pathname, search } = request.nextUrl;
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
