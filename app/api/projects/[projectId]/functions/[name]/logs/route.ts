import { z } from "zod";
import { route, sse, wantsEventStream, notAllowed } from "@/lib/http";
import { FunctionName } from "@/lib/bundler";
import { LogsQuery, listInvocations, watchInvocations } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid(), name: FunctionName });

/** A page of invocations, newest first; with `Accept: text/event-stream`, every new one as it happens. */
export const GET = route({ access: "project:viewer", summary: "A function's invocations, or a live stream of them", params, query: LogsQuery }, async ({ scope, params, query, req }) => {
  if (!wantsEventStream(req)) return listInvocations(scope, params.name, query);
  const stream = async function* () {
    for await (const record of watchInvocations(scope, params.name, req.signal)) yield { event: "invocation", data: record, id: record.id };
  };
  return sse(stream(), req.signal, scope.userId);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
