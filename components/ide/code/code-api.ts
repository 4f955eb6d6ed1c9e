import { api, type ApiResult } from "@/components/ui/api-client";
import type { CodeFinding } from "@/lib/security";

/** A file of the workspace at HEAD. */
export type FileEntry = { path: string; size: number };
export type FileContent = { path: string; size: number; encoding: "utf8" | "base64"; content: string };
export type SearchMatch = { path: string; line: number; text: string };
export type BuildProblem = { file: string; line: number; column: number; message: string };

const FILE = "/api/projects/{projectId}/files/{path}";
// The path's segments, each percent-encoded on its own by api().
const fileParams = (projectId: string, path: string) => ({ projectId, path: path.split("/") });

export const listFiles = (projectId: string): Promise<ApiResult<FileEntry[]>> => api("GET", "/api/projects/{projectId}/files", { params: { projectId } });
export const readFile = (projectId: string, path: string): Promise<ApiResult<FileContent>> => api("GET", FILE, { params: fileParams(projectId, path) });
export const writeFile = (projectId: string, path: string, content: string, create = false): Promise<ApiResult<unknown>> =>
  api("PUT", FILE, { params: fileParams(projectId, path), body: { content, message: `${create ? "Create" : "Edit"} ${path}`, ...(create && { create }) } });
export const renameFile = (projectId: string, from: string, to: string) =>
  api("PATCH", FILE, { params: fileParams(projectId, from), body: { to, message: `Move ${from} to ${to}` } });
export const deleteFile = (projectId: string, path: string) =>
  api("DELETE", FILE, { params: fileParams(projectId, path), query: { message: `Delete ${path}` } });
export const searchFiles = (projectId: string, q: string): Promise<ApiResult<{ matches: SearchMatch[]; truncated: boolean }>> =>
  api("GET", "/api/projects/{projectId}/search", { params: { projectId }, query: { q, limit: 200 } });
export const checkBuild = (projectId: string): Promise<ApiResult<{ problems: BuildProblem[] }>> =>
  api("POST", "/api/projects/{projectId}/build", { params: { projectId } });
export type { CodeFinding };
/** Security findings of the components and functions at HEAD. */
export const listFindings = (projectId: string) => api("GET", "/api/projects/{projectId}/findings", { params: { projectId } });

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
