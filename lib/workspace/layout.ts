import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { getConfig } from "@/lib/config";

/** Where a project's workspace lives. The git dir sits beside the tree, never inside the tenant-writable files. */
export type WorkspaceLayout = { root: string; tree: string; gitDir: string; tmp: string };

/** The folders of one project's workspace, from its id (never from request input). */
export function layoutOf(projectId: string): WorkspaceLayout {
  const root = path.join(getConfig().dataDir, "workspaces", projectId);
  return { root, tree: path.join(root, "tree"), gitDir: path.join(root, "git"), tmp: path.join(root, "tmp") };
}

// Every git call runs with hooks, fsmonitor and symlinks off, so nothing in a repository can make git
// run a program or write through a link; the committer is the platform, the author the acting user.
const GIT_CONFIG = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "core.symlinks=false",
  "core.quotePath=false",
  "user.name=Myco",
  "user.email=platform@myco.invalid",
  "commit.gpgSign=false",
];

/**
 * A git client for the workspace. It runs inside the git dir, whose core.worktree points at the tree
 * ("../tree"), so no .git entry ever exists among the tenant's files. `stdin` is written to every
 * command it runs: the way to hand git user text that must never be parsed as an argument.
 */
export function gitOf(layout: WorkspaceLayout, stdin?: string): SimpleGit {
  // simple-git refuses any core.hooksPath or core.fsmonitor by default; ours turn both off.
  const unsafe = { allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true };
  return simpleGit({ baseDir: layout.gitDir, config: GIT_CONFIG, maxConcurrentProcesses: 2, unsafe, ...(stdin !== undefined && { input: () => stdin }) });
}
