import type { AgentTool } from "../tool";
import { addDependencyTool } from "./add-dependency";
import { changeDbSchemaTool } from "./change-db-schema";
import { deleteFileTool } from "./delete-file";
import { editFileTool } from "./edit-file";
import { getDbSchemaTool } from "./get-db-schema";
import { invokeFunctionTool } from "./invoke-function";
import { listFilesTool } from "./list-files";
import { readBlueprintTool } from "./read-blueprint";
import { readFileTool } from "./read-file";
import { readFunctionLogsTool } from "./read-function-logs";
import { readPreviewErrorsTool } from "./read-preview-errors";
import { runQueryTool } from "./run-query";
import { searchFilesTool } from "./search-files";
import type { ToolSession } from "./session";
import { updateBlueprintTool } from "./update-blueprint";
import { writeComponentTool } from "./write-component";
import { writeFileTool } from "./write-file";
import { writeFunctionTool } from "./write-function";

export type { ToolSession } from "./session";

/**
 * Every tool the agent has over one project, bound to one run's session: each a thin adapter over the
 * workspace, tenant-db, bundler, functions and sdui modules, so the agent changes an app only the way
 * the builder's own API does.
 */
export function createProjectTools(session: ToolSession): AgentTool[] {
  return [
    listFilesTool(session),
    readFileTool(session),
    searchFilesTool(session),
    writeFileTool(session),
    editFileTool(session),
    deleteFileTool(session),
    getDbSchemaTool(session),
    changeDbSchemaTool(session),
    runQueryTool(session),
    writeFunctionTool(session),
    invokeFunctionTool(session),
    readFunctionLogsTool(session),
    writeComponentTool(session),
    addDependencyTool(session),
    readBlueprintTool(session),
    updateBlueprintTool(session),
    readPreviewErrorsTool(session),
  ];
}
