import fs from "node:fs/promises";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { gitOf, layoutOf } from "./layout";
import { withWorkspaceLock } from "./project-lock";
import { writeSafe } from "./safe-fs";
import { commitAll, rememberHead, settleCommitWork, type CommitInfo } from "./commit-info";
import { seedFiles } from "./seed";

/** Creates the project's repository and commits the seed app as the creating user. */
export async function initWorkspace(scope: ProjectScope, project: { name: string; slug: string }, log: Logger): Promise<CommitInfo> {
  return withWorkspaceLock(scope.projectId, async () => {
    const layout = layoutOf(scope.projectId);
    await fs.mkdir(layout.gitDir, { recursive: true });
    await fs.mkdir(layout.tree, { recursive: true });
    const git = gitOf(layout);
    await git.raw(["init", "--quiet", "--bare", "--initial-branch=main", "."]);
    await git.raw(["config", "core.bare", "false"]);
    await git.raw(["config", "core.worktree", "../tree"]);
    for (const [path, content] of Object.entries(seedFiles(project.name, project.slug))) {
      await writeSafe(layout, path, Buffer.from(content));
    }
    const commit = await commitAll(git, scope, `Create ${project.name}`);
    if (!commit) throw new Error("seed commit was empty");
    log.info("workspace.created", { projectId: scope.projectId, sha: commit.sha });
    return commit;
  });
}

/** Removes the project's repository and files for good (project deletion). */
export async function deleteWorkspace(scope: ProjectScope): Promise<void> {
  // A background build of the last commit may still be writing under the workspace (outside the lock:
  // adding a package it imports takes the lock itself).
  await settleCommitWork(scope.projectId);
  await withWorkspaceLock(scope.projectId, async () => {
    rememberHead(scope.projectId, undefined);
    await fs.rm(layoutOf(scope.projectId).root, { recursive: true, force: true, maxRetries: 3 });
  });
}
