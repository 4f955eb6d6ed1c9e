import type { MemberView } from "@/lib/projects";
import type { HotFeed } from "./use-workspace-head";

/** What every tab of the builder knows about the project and the person looking at it. */
export type WorkspaceProject = {
  id: string;
  name: string;
  slug: string;
  /** The dev app's origin (the preview). */
  appUrl: string;
  ideOrigin: string;
  role: "owner" | "editor" | "viewer";
  /** Editors and owners change things; viewers read. */
  canEdit: boolean;
  canDeploy: boolean;
  isOwner: boolean;
  currentUserId: string;
  members: MemberView[];
  /** No language model is configured: the agent is the offline planner. */
  isOffline: boolean;
};

/** The props of one tab's panel. `path` is the rest of the URL after the tab (a file, a table, a function). */
export type PanelProps = {
  project: WorkspaceProject;
  path: readonly string[];
  /** Moves to another path within this tab (the URL follows). */
  navigate: (path: readonly string[]) => void;
  /** The workspace HEAD as last announced (null until known): changes with every commit from any source. */
  head: string | null;
  /** Components rebuilt from an edit before its commit, for the preview to swap in without a reload. */
  hot: HotFeed;
};
