import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { assertStorableUrlInput } from "./check-input";
import { errorResponse } from "./respond";

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * A handler route() did not make (next-auth's) under the same URL input rules, plus `check` for what
 * that library would answer with a 500: an AppError from either is the usual error JSON before the
 * handler runs.
 */
export function guardHandler<R extends Request>(
  handler: (req: R) => Promise<Response>,
  check: (req: R) => void = () => undefined,
): (req: R, ctx: NextContext) => Promise<Response> {
  return async (req, next) => {
    try {
      assertStorableUrlInput((await next?.params) ?? {}, new URL(req.url));
      check(req);
    } catch (err) {
      if (err instanceof AppError) return errorResponse(err.code, err.message, err.field);
      log.error("http.unhandled", { path: new URL(req.url).pathname }, err);
      return errorResponse("internal", "Something went wrong on our side; it has been logged.");
    }
    return handler(req);
  };
}
