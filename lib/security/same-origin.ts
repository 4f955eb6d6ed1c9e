import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for cookie-authenticated requests: a change must come from the IDE's own origin. Browsers
 * send Origin on every cross-site POST/PUT/PATCH/DELETE and Sec-Fetch-Site on every request, so a
 * forged request from another site (including a tenant app on *.apps) is refused. API tokens are exempt:
 * a page cannot make the browser attach one.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin === getConfig().ideUrl.origin) return;
  } else if (req.headers.get("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new AppError(
    "forbidden",
    "Cross-site request refused: changes made with a session cookie must come from the Myco IDE's own origin.",
    "origin",
  );
}
