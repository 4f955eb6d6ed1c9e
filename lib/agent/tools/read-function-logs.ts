import { z } from "zod";
import { FunctionName } from "@/lib/bundler";
import { listFunctions, listInvocations, type InvocationRecord } from "@/lib/functions";
import { defineTool } from "../tool";
import { formatLogs } from "./format-logs";
import type { ToolSession } from "./session";

type LogLine = Parameters<typeof formatLogs>[0][number];

function summary(record: InvocationRecord) {
  const logs = formatLogs(Array.isArray(record.logs) ? (record.logs as LogLine[]) : [], record.logsTruncated);
  return {
    function: record.functionName,
    at: record.createdAt.toISOString(),
    status: record.httpStatus,
    ...(record.errorCode && { error: `${record.errorCode}: ${record.errorMessage ?? ""}` }),
    durationMs: record.durationMs,
    ...(logs.length > 0 && { logs }),
  };
}

/** read_function_logs: the latest invocations of one function, or of all of them. */
export function readFunctionLogsTool(session: ToolSession) {
  return defineTool({
    name: "read_function_logs",
    readOnly: true,
    description: "Show the latest invocations (status, error, duration, logs) of one function, or of every function when name is left out.",
    input: z.strictObject({ name: FunctionName.optional(), limit: z.number().int().min(1).max(50).optional().describe("default 10") }),
    async run({ name, limit = 10 }) {
      const names = name ? [name] : (await listFunctions(session.scope)).map((f) => f.name);
      const pages = await Promise.all(names.map((n) => listInvocations(session.scope, n, { limit })));
      const records = pages
        .flatMap((p) => p.invocations)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
      if (records.length === 0) return name ? `No invocations of ${name} yet.` : "No function has been invoked yet.";
      return records.map(summary);
    },
  });
}
