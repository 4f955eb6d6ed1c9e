import { folderBytes } from "@/lib/storage";
import { layoutOf } from "./layout";

/** The bytes a project's workspace takes on disk: its tree and its git history. */
export function workspaceBytes(projectId: string): Promise<number> {
  return folderBytes(layoutOf(projectId).root);
}
