import { z } from "zod";
import { FunctionName } from "@/lib/bundler";
import { InvokeInput, requestFromInput, runFunction } from "@/lib/functions";
import { defineTool } from "../tool";
import { capText } from "./read-text";
import { formatLogs } from "./format-logs";
import type { ToolSession } from "./session";

const MAX_BODY_CHARS = 8_000;

/** invoke_function: one test request to a function against the dev database; its status, body and logs. */
export function invokeFunctionTool(session: ToolSession) {
  return defineTool({
    name: "invoke_function",
    description:
      "Call a function with a test request (method defaults to POST; path is the part after /_fn/<name>) against the dev database; answers status, body, logs and any error.",
    // Optional here, defaulted by InvokeInput below: a field with a zod default would be "required" in the JSON Schema.
    input: z.strictObject({
      name: FunctionName,
      method: InvokeInput.shape.method.unwrap().optional(),
      path: InvokeInput.shape.path.unwrap().optional().describe("default /"),
      query: InvokeInput.shape.query.unwrap().optional(),
      headers: InvokeInput.shape.headers.unwrap().optional(),
      body: z.unknown().optional().describe("JSON body"),
    }),
    async run({ name, ...request }) {
      const invoke = requestFromInput(InvokeInput.parse(request));
      const { result, invocation } = await runFunction(session.scope, name, invoke, "api", session.log);
      const logs = formatLogs(result.logs, result.logsTruncated);
      const base = { durationMs: invocation.durationMs, ...(logs.length > 0 && { logs }) };
      if (!result.ok) return { ok: false, status: invocation.httpStatus, error: result.error, ...base };
      const body = typeof result.body === "string" ? result.body : JSON.stringify(result.body ?? null);
      return { ok: true, status: result.status, body: capText(body, MAX_BODY_CHARS), ...base };
    },
  });
}
