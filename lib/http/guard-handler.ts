import { AppError, STATUS_BY_CODE, type ErrorCode } from "@/lib/errors";
import { log, withRequestContext } from "@/lib/log";
import { clientIp } from "@/lib/security";
import { assertStorableUrlInput } from "./check-input";
import { errorResponse } from "./respond";

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

const CODE_BY_STATUS = new Map(Object.entries(STATUS_BY_CODE).map(([code, status]) => [status as number, code as ErrorCode]));

// A library's own 4xx ("Bad request." as a JSON string, or a null body) becomes the error JSON every
// other route answers with, naming `field`; its successes, redirects and 5xx pass unchanged.
async function asErrorJson(res: Response, field: string): Promise<Response> {
  if (res.status < 400 || res.status >= 500) return res;
  let body: unknown;
  try {
    body = JSON.parse(await res.clone().text());
  } catch {
    body = undefined;
  }
  if (typeof body === "object" && body !== null && "error" in body) return res;
  const said = typeof body === "string" && body.length <= 200 ? ` ${body}` : "";
  return errorResponse(CODE_BY_STATUS.get(res.status) ?? "bad_request", `This request was refused.${said}`, field);
}

/**
 * A handler route() did not make (next-auth's) under the same URL input rules, plus `check` for what
 * that library would answer with a 500: an AppError from either is the usual error JSON before the
 * handler runs, and the library's own 4xx answers are rewritten to it (naming `field`).
 */
export function guardHandler<R extends Request>(
  handler: (req: R) => Promise<Response>,
  options: { field: string; check?: (req: R) => void },
): (req: R, ctx: NextContext) => Promise<Response> {
  return (req, next) => withRequestContext({ address: clientIp(req.headers) }, async () => {
    try {
      assertStorableUrlInput((await next?.params) ?? {}, new URL(req.url));
      options.check?.(req);
    } catch (err) {
      if (err instanceof AppError) return errorResponse(err.code, err.message, err.field);
      log.error("http.unhandled", { path: new URL(req.url).pathname }, err);
      return errorResponse("internal", "Something went wrong on our side; it has been logged.");
    }
    return asErrorJson(await handler(req), options.field);
  });
}
