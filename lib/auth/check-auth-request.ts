import { AppError } from "@/lib/errors";

// next-auth's own names for the cookie holding where to go after signing in.
const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

// next-auth accepts a path on this site or an absolute http(s) URL (its isValidHttpUrl), and answers
// anything else with a 500 and its HTML error page instead of refusing the request.
function isCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Refuses (400) a request next-auth would fail with a 500: a callbackUrl, in the query or its cookie, that is no http(s) URL. */
export function checkAuthRequest(req: Request): void {
  const url = new URL(req.url);
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !isCallbackUrl(callbackUrl, url.origin)) {
    throw new AppError("bad_request", "callbackUrl: must be a path on this site or an http(s) URL.", "callbackUrl");
  }
  for (const name of CALLBACK_COOKIES) {
    const raw = cookieValue(req, name);
    let value = raw;
    try {
      value = raw === undefined ? undefined : decodeURIComponent(raw);
    } catch {
      // Left encoded: it then fails the URL check below like any other unusable value.
    }
    if (value !== undefined && !isCallbackUrl(value, url.origin)) {
      throw new AppError("bad_request", `cookie: ${name} is not a URL to return to; clear this site's cookies.`, "cookie");
    }
  }
}
