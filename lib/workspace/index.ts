/**
 * Project workspaces: every part of an app as files in a git repository per project, changed only in
 * commits authored by the acting user, with safe paths, atomic writes and history that is never rewritten.
 */
/** A validated relative path inside a workspace. */
export { WorkspacePath } from "./workspace-path";
/** Create and remove a project's repository. */
export { deleteWorkspace, initWorkspace } from "./init-workspace";
/** Tree listing, file reads and text search at HEAD. */
export { SearchQuery, getHeadSha, listFiles, readFile, searchFiles, type FileContent, type FileEntry, type SearchMatch } from "./read-files";
/** Atomic change sets: write, create, delete, rename, one commit or none. */
export { ChangeSet, CommitMessage, FileChange, applyChanges, type ChangeResult } from "./apply-changes";
/** History, diffs, restore, and folding a run's commits into one. */
export {
  CommitSha,
  HistoryQuery,
  getCommitDiff,
  listHistory,
  changedBetween,
  changedSince,
  restoreCommit,
  commitsSince,
  squashRunCommits,
  type CommitDiff,
  type HistoryPage,
} from "./history";
/** The text files of a commit (or HEAD) whose paths match a pattern, for analysis. */
export { readTextFilesAt, type TextFile } from "./read-text-files";
/** One file before and after a commit, for a side-by-side diff. */
export { getFileChange, type CommitFileChange } from "./file-change";
/**
 * A commit as the API shows it, a hook run after every commit, one run once a change set's files are
 * on disk (before the commit), and a stream of commits whose builds settled.
 */
export { onWorkspaceCommit, onWorkspaceWrite, settleCommitWork, type CommitInfo, type WorkspaceWrite } from "./commit-info";
/** The HEAD and every later commit, for the builder's live preview. */
export { headEvents, type HeadEvent } from "./head-events";
/** Single-file writes, renames and deletes, each one commit. */
export {
  DeleteFileQuery,
  RenameFileInput,
  WriteFileInput,
  deleteFile,
  renameFile,
  writeFile,
} from "./file-ops";
/** One writer (an agent run) holding a workspace: others are refused; its commits carry its id. */
export { asLeaseHolder, assertWorkspaceWritable, leaseWorkspace } from "./workspace-lease";
/** Serialises work per key (a project id and a purpose) across every node. */
export { withProjectLock } from "./project-lock";
/** Start-up after a crash: unrenamed temp files and dead git processes' locks. */
export { removeWorkspaceLeftovers } from "./remove-leftovers";
/** Disk use of a workspace, for the dashboard. */
export { workspaceBytes } from "./workspace-bytes";
