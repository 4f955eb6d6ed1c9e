import { api, type ApiResult } from "@/components/ui/api-client";

/** A commit as History lists it. */
type CommitInfo = { sha: string; message: string; authorName: string; authorEmail: string; date: string; runId: string | null };
export type Commit = CommitInfo & { files: string[] };
export type CommitDetail = CommitInfo & { files: { path: string; status: string; additions: number | null; deletions: number | null }[] };
export type FileChange = { path: string; before: string | null; after: string | null; isBinary: boolean };

export const listHistory = (projectId: string, cursor: string | null): Promise<ApiResult<{ commits: Commit[]; nextCursor: string | null }>> =>
  api("GET", "/api/projects/{projectId}/history", { params: { projectId }, query: { limit: 30, cursor: cursor ?? undefined } });
export const getCommit = (projectId: string, sha: string): Promise<ApiResult<CommitDetail>> =>
  api("GET", "/api/projects/{projectId}/history/{sha}", { params: { projectId, sha } });
export const getFileChange = (projectId: string, sha: string, path: string): Promise<ApiResult<FileChange>> =>
  api("GET", "/api/projects/{projectId}/history/{sha}/files/{path}", { params: { projectId, sha, path: path.split("/") } });
/** The new commit (without its file list), or null when the workspace already matched. */
export const restoreCommit = (projectId: string, sha: string): Promise<ApiResult<{ commit: CommitInfo | null }>> =>
  api("POST", "/api/projects/{projectId}/history/{sha}/restore", { params: { projectId, sha } });
