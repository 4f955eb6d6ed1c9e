import { getConfig } from "@/lib/config";

/**
 * Headers for every IDE response (notes/web-security.md, set A). Scripts need this request's nonce
 * ('strict-dynamic' lets Next's own chunks load); frames may only come from the apps origin (the
 * preview); nothing may frame the IDE.
 */
export function ideSecurityHeaders(nonce: string): Record<string, string> {
  const config = getConfig();
  const appsOrigin = new URL(config.appsUrlPattern.replace("{slug}", "slug")).origin.replace("//slug.", "//*.");
  const isDev = config.nodeEnv === "development";
  // The browser's error reports (instrumentation-client.ts) go straight to the DSN's ingest, only when one is set.
  const sentryOrigin = config.sentryDsn ? ` ${new URL(config.sentryDsn).origin}` : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sentryOrigin}${isDev ? " ws:" : ""}`,
    `frame-src ${appsOrigin}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), usb=(), payment=()",
    ...(config.ideUrl.protocol === "https:" && { "strict-transport-security": "max-age=63072000; includeSubDomains" }),
  };
}
