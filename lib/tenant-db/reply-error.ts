import { AppError } from "@/lib/errors";
import { faultError, storeOf } from "@/lib/storage";
import type { RunnerFailure } from "./runner-protocol";

/**
 * The error a failed runner call becomes. `subject` starts the message ("Query failed: …", "Query
 * exceeded the 2000 ms time limit …"); `field` names the input at fault. A runner's own bug is a plain
 * Error (500) whose message never reaches the tenant.
 */
export function replyError(reply: RunnerFailure, subject = "Query", field = "sql"): Error {
  switch (reply.kind) {
    case "sqlite":
      return new AppError("unprocessable", `${subject} failed: ${reply.message}`, field);
    case "not_reader":
    case "stopped":
      return new AppError("unprocessable", reply.message, field);
    case "timeout":
      return new AppError("unprocessable", `${subject} ${reply.message}.`, field);
    case "too_large":
      return new AppError("payload_too_large", `${reply.message} Select fewer rows or columns.`, field);
    case "full":
      return new AppError("payload_too_large", "The database is full: it has reached its disk quota.", field);
    case "disk":
      return faultError({ kind: reply.fault ?? "full", store: storeOf("tenants"), errno: reply.message, path: null });
    case "internal":
      // better-sqlite3 throws a RangeError, not an SqliteError, when the values do not fit the placeholders.
      if (/^RangeError: .*parameter/i.test(reply.message)) {
        return new AppError("unprocessable", `${subject} failed: ${reply.message.slice("RangeError: ".length)}`, "params");
      }
      return new Error(`query runner failed: ${reply.message}`);
  }
}
