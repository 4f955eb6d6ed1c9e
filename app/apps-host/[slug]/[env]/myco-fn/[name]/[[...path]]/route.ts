import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { requestFromHttp, responseFromResult, runFunction } from "@/lib/functions";

// Reached through proxy.ts's rewrite of <slug>[--env].apps…/_fn/<name>/<path…>.
const params = z.strictObject({
  slug: z.string().min(1).max(40),
  env: z.enum(["dev", "staging", "prod"]),
  name: FunctionName,
  path: z.array(z.string()).optional(),
});

const handler = route({ access: "app", params, limits: ["appCallsPerClient", "appCalls"] }, async ({ scope, params, req, log }) => {
  if (params.env !== "dev") throw new AppError("not_found", `No release is deployed to ${params.env} yet.`, "env");
  const request = await requestFromHttp(req, `/${(params.path ?? []).join("/")}`);
  // The visitor going away cancels the database calls the function still has waiting or running.
  const { result, invocation } = await runFunction(scope, params.name, request, "http", log, { signal: req.signal });
  return responseFromResult(result, invocation.id);
});

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
