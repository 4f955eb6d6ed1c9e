import { callApi } from "@/components/ui/api-client";

/** A commit as History lists it. */
type CommitInfo = { sha: string; message: string; authorName: string; authorEmail: string; date: string; runId: string | null };
export type Commit = CommitInfo & { files: string[] };
export type CommitDetail = CommitInfo & { files: { path: string; status: string; additions: number | null; deletions: number | null }[] };
export type FileChange = { path: string; before: string | null; after: string | null; isBinary: boolean };

const base = (projectId: string) => `/api/projects/${projectId}/history`;

export const listHistory = (projectId: string, cursor: string | null) =>
  callApi<{ commits: Commit[]; nextCursor: string | null }>(`${base(projectId)}?limit=30${cursor ? `&cursor=${cursor}` : ""}`);
export const getCommit = (projectId: string, sha: string) => callApi<CommitDetail>(`${base(projectId)}/${sha}`);
export const getFileChange = (projectId: string, sha: string, path: string) =>
  callApi<FileChange>(`${base(projectId)}/${sha}/files/${path.split("/").map(encodeURIComponent).join("/")}`);
export const restoreCommit = (projectId: string, sha: string) => callApi<{ commit: Commit | null }>(`${base(projectId)}/${sha}/restore`, { method: "POST" });
