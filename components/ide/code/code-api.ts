import { callApi, type ApiResult } from "@/components/ui/api-client";

/** A file of the workspace at HEAD. */
export type FileEntry = { path: string; size: number };
export type FileContent = { path: string; size: number; encoding: "utf8" | "base64"; content: string };
export type SearchMatch = { path: string; line: number; text: string };
export type BuildProblem = { file: string; line: number; column: number; message: string };

const base = (projectId: string) => `/api/projects/${projectId}`;
const filePath = (projectId: string, path: string) => `${base(projectId)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;

export const listFiles = (projectId: string) => callApi<FileEntry[]>(`${base(projectId)}/files`);
export const readFile = (projectId: string, path: string) => callApi<FileContent>(filePath(projectId, path));
export const writeFile = (projectId: string, path: string, content: string, create = false): Promise<ApiResult<unknown>> =>
  callApi(filePath(projectId, path), { method: "PUT", body: { content, message: `${create ? "Create" : "Edit"} ${path}`, ...(create && { create }) } });
export const renameFile = (projectId: string, from: string, to: string) =>
  callApi(filePath(projectId, from), { method: "PATCH", body: { to, message: `Move ${from} to ${to}` } });
export const deleteFile = (projectId: string, path: string) =>
  callApi(`${filePath(projectId, path)}?message=${encodeURIComponent(`Delete ${path}`)}`, { method: "DELETE" });
export const searchFiles = (projectId: string, q: string) =>
  callApi<{ matches: SearchMatch[]; truncated: boolean }>(`${base(projectId)}/search?q=${encodeURIComponent(q)}&limit=200`);
export const checkBuild = (projectId: string) => callApi<{ problems: BuildProblem[] }>(`${base(projectId)}/build`, { method: "POST" });

/**
 * A workspace path from the page's URL, or null: no empty, "." or ".." segment once joined (a segment
 * decoded from %2F may hold slashes), so a crafted link cannot aim the editor at another project's API.
 */
export function workspacePathOf(segments: readonly string[]): string | null {
  const path = segments.join("/");
  return path !== "" && path.split("/").every((s) => s !== "" && s !== "." && s !== "..") ? path : null;
}

/** Monaco's language for a workspace path. */
export function languageOf(path: string): string {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "";
  return { ts: "typescript", tsx: "typescript", js: "javascript", jsx: "javascript", json: "json", sql: "sql", md: "markdown", css: "css", html: "html" }[ext] ?? "plaintext";
}
