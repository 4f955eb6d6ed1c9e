import { NextResponse, type NextRequest } from "next/server";
import { ideSecurityHeaders } from "@/lib/security";

// Runs before every request: a fresh CSP nonce per page (Next applies it to its own scripts when it
// finds the policy on the request) and the IDE's security headers on every response.
export function proxy(request: NextRequest): NextResponse {
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
