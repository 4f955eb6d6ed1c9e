import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { InvokeInput, requestFromInput, runFunction } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid(), name: FunctionName });

function envelope({ result, invocation }: Awaited<ReturnType<typeof runFunction>>) {
  return { invocationId: invocation.id, ...result };
}

/** Runs the function with the request described in the body; answers the result, logs and timings. */
export const POST = route({ access: "project:editor", summary: "Run a function with a test request", params, limits: ["invokes"], body: InvokeInput }, async ({ scope, params, body, log, req }) =>
  envelope(await runFunction(scope, params.name, requestFromInput(body), "api", log, { signal: req.signal })),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
