import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route, notAllowed } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { requestFromHttp, responseFromResult, runFunction } from "@/lib/functions";

// Reached through proxy.ts's rewrite of <slug>[--env].apps…/_fn/<name>/<path…>.
const params = z.strictObject({
  slug: z.string().min(1).max(40),
  env: z.enum(["dev", "staging", "prod"]),
  name: FunctionName,
  path: z.array(z.string()).optional(),
});

const handler = route({ access: "app", params }, async ({ scope, params, req, log }) => {
  if (params.env !== "dev") throw new AppError("not_found", `No release is deployed to ${params.env} yet.`, "env");
  const request = await requestFromHttp(req, `/${(params.path ?? []).join("/")}`);
  const { result, invocation } = await runFunction(scope, params.name, request, "http", log);
  return responseFromResult(result, invocation.id);
});

// Every method is the function's to answer; OPTIONS lists them all.
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };

export const { OPTIONS } = notAllowed({ GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler });
