import { writeFile } from "@/lib/workspace";
import { diagnoseWrite, type WriteDiagnostics } from "./build-check";
import { refuseMigrationPath } from "./guard-path";
import { fileExists } from "./read-text";
import { markWritten, requireRead, type ToolSession } from "./session";

/** What a write tool reports: the path, whether it was new or unchanged, and the checks it triggered. */
export type WriteOutcome = { path: string; status: "created" | "updated" | "unchanged" } & WriteDiagnostics;

/**
 * The one write path of the agent's file tools: migrations refused, an existing file overwritten only
 * after this run read it (unless `replacesWhole`, for tools that validate the whole new document),
 * one commit, then the builds or validation the path calls for.
 */
export async function writeText(session: ToolSession, path: string, content: string, replacesWhole = false): Promise<WriteOutcome> {
  refuseMigrationPath(path);
  const exists = await fileExists(session.scope, path);
  if (exists && !replacesWhole) requireRead(session, path);
  const { commit } = await writeFile(session.scope, path, { content, encoding: "utf8", create: false }, session.log);
  markWritten(session, path);
  const status = !exists ? "created" : commit ? "updated" : "unchanged";
  return { path, status, ...(await diagnoseWrite(session, path, content)) };
}
