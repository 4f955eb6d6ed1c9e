import { z } from "zod";
import { AppError } from "@/lib/errors";
import { deleteFile, WorkspacePath } from "@/lib/workspace";
import { defineTool } from "../tool";
import { refuseMigrationPath } from "./guard-path";
import type { ToolSession } from "./session";

/** delete_file: removes one file in its own commit. */
export function deleteFileTool(session: ToolSession) {
  return defineTool({
    name: "delete_file",
    description: "Delete one workspace file. app.json and migration files cannot be deleted.",
    input: z.strictObject({ path: WorkspacePath }),
    async run({ path }) {
      refuseMigrationPath(path);
      // The blueprint is the app: without it nothing renders; update_blueprint replaces it instead.
      if (path === "app.json") throw new AppError("forbidden", "app.json cannot be deleted; use update_blueprint to change it.", "path");
      await deleteFile(session.scope, path, {}, session.log);
      session.readPaths.delete(path);
      session.changedPaths.add(path);
      return `Deleted ${path}.`;
    },
  });
}
