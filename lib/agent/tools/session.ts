import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";

/** What every project tool of one agent run shares: who acts, where to log, and what the run has seen and changed. */
export type ToolSession = {
  scope: ProjectScope;
  log: Logger;
  /** Workspace paths read in this run (read_file, read_blueprint adds "app.json"); edits/overwrites need them. */
  readPaths: Set<string>;
  /** Workspace paths this run wrote, created, deleted (for the UI's "files changed"). */
  changedPaths: Set<string>;
};

/**
 * An edit or overwrite needs the file's current text in the model's context: a model that writes blind
 * over a file it never saw silently drops whatever it did not know was there.
 */
export function requireRead(session: ToolSession, path: string): void {
  if (!session.readPaths.has(path)) {
    throw new AppError("conflict", `${path} already exists and was not read in this run: call read_file on it first, then change it.`, "path");
  }
}

/** A path the run wrote: its content is now known to the model, and it counts as changed. */
export function markWritten(session: ToolSession, path: string): void {
  session.readPaths.add(path);
  session.changedPaths.add(path);
}
