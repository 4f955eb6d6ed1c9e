import { z } from "zod";
import { route } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { InvokeInput, requestFromInput, runFunction } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid(), name: FunctionName });

function envelope({ result, invocation }: Awaited<ReturnType<typeof runFunction>>) {
  return { invocationId: invocation.id, ...result };
}

/** Runs the function with a GET request carrying this query string. */
export const GET = route({ access: "project:editor", params }, async ({ scope, params, req, log }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const request = requestFromInput({ method: "GET", path: "/", query, headers: {} });
  return envelope(await runFunction(scope, params.name, request, "api", log));
});

/** Runs the function with the request described in the body; answers the result, logs and timings. */
export const POST = route({ access: "project:editor", params, body: InvokeInput }, async ({ scope, params, body, log }) =>
  envelope(await runFunction(scope, params.name, requestFromInput(body), "api", log)),
);
