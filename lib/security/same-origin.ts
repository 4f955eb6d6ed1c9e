import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";

const SAFE_METHODS = new Set(["GET", "HEAD"]);
// Sec-Fetch-Site values of requests the IDE itself makes, or a person typing a URL / opening a bookmark.
const OWN_SITES = new Set(["same-origin", "none"]);

function refuse(): never {
  throw new AppError(
    "forbidden",
    "Cross-site request refused: requests made with a session cookie must come from the Myco IDE's own origin.",
    "origin",
  );
}

/**
 * CSRF guard for cookie-authenticated requests. Any request another site started (a link, an image, a
 * form, a tenant app on *.apps) is refused whatever its method, since browsers attach a Lax cookie to
 * top-level GETs; a change must also name the IDE's origin (Origin, or Sec-Fetch-Site when a browser
 * omits Origin). API tokens are exempt: a page cannot make the browser attach one.
 */
export function assertSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && !OWN_SITES.has(site)) refuse();
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin !== null ? origin === getConfig().ideUrl.origin : site === "same-origin") return;
  refuse();
}
