import { z } from "zod";
import { route, notAllowed, serveAppFunctionsDirectly } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { requestFromHttp, responseFromResult } from "@/lib/functions";
import { EnvName } from "@/lib/sdui";
import { serveAppFunction } from "@/lib/releases";

// Reached through proxy.ts's rewrite of <slug>[--env].apps…/_fn/<name>/<path…>.
const params = z.strictObject({
  slug: z.string().min(1).max(40),
  env: EnvName,
  name: FunctionName,
  path: z.array(z.string()).optional(),
});

/** The function as this environment serves it; the visitor going away cancels its pending database calls. */
const handler = route({ access: "app", params, limits: ["appCallsPerClient", "appCalls"] }, async ({ scope, params, req, log }) => {
  const request = await requestFromHttp(req, `/${(params.path ?? []).join("/")}`);
  const { result, invocation } = await serveAppFunction(scope, params.name, request, log, req.signal);
  return responseFromResult(result, invocation.id);
});

// Once Next has loaded this file (the first call), lib/http/server.mjs answers the next calls with this
// same handler without going through Next's router.
serveAppFunctionsDirectly(handler);

// Every method is the function's to answer; OPTIONS lists them all.
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };

export const { OPTIONS } = notAllowed({ GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler });
