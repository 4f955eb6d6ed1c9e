import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import type { TenantScope } from "@/lib/auth";
import { gitOf, layoutOf } from "./layout";
import { readSafe } from "./safe-fs";
import { knownHead, rememberReadHead } from "./commit-info";

/** A file in the tree listing. */
export type FileEntry = { path: string; size: number };

/** A file's content: utf8 text, or base64 when it is not valid UTF-8 text. */
export type FileContent = { path: string; size: number; encoding: "utf8" | "base64"; content: string };

/** The commit the workspace is at: builds are cached per HEAD. */
export async function getHeadSha(scope: TenantScope): Promise<string> {
  const known = knownHead(scope.projectId);
  if (known.sha) return known.sha;
  const sha = (await gitOf(layoutOf(scope.projectId)).raw(["rev-parse", "HEAD"])).trim();
  rememberReadHead(scope.projectId, sha, known.epoch);
  return sha;
}

/** Every file of the workspace at HEAD, sorted by path. The tree always equals HEAD: every change commits. */
export async function listFiles(scope: TenantScope): Promise<FileEntry[]> {
  const out = await gitOf(layoutOf(scope.projectId)).raw(["ls-tree", "-r", "-l", "-z", "HEAD"]);
  return out
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      return { path, size: Number(meta.trim().split(/\s+/)[3] ?? 0) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

/** Reads one file; not_found if it does not exist. */
export async function readFile(scope: TenantScope, path: string): Promise<FileContent> {
  const bytes = await readSafe(layoutOf(scope.projectId), path, getConfig().maxFileBytes);
  const text = isText(bytes);
  return { path, size: bytes.length, encoding: text ? "utf8" : "base64", content: bytes.toString(text ? "utf8" : "base64") };
}

export const SearchQuery = z.strictObject({
  q: z.string().min(1, "is required").max(200, "must be at most 200 characters"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A line that matched a search. */
export type SearchMatch = { path: string; line: number; text: string };

const MAX_LINE_CHARS = 240;

/** Case-insensitive fixed-string search of every text file at HEAD, with line numbers. */
export async function searchFiles(scope: TenantScope, query: SearchQuery): Promise<{ matches: SearchMatch[]; truncated: boolean }> {
  // The query reaches git on stdin (-f -), never in argv: there it could be read as an option, and
  // simple-git refuses a command whose arguments merely look like --upload-pack or --template. On
  // stdin each line is a pattern, so a line break would split the query (and could never match a
  // line anyway), and an empty query would leave git waiting for input. -I skips binary files.
  if (query.q === "" || /[\r\n]/.test(query.q)) throw new AppError("bad_request", "q: must be one line of text.", "q");
  const git = gitOf(layoutOf(scope.projectId), query.q);
  const out = await git
    .raw(["grep", "--null", "-n", "-I", "-i", "-F", "--full-name", "-f", "-", "HEAD", "--"])
    .catch((err: unknown) => {
      // git grep exits 1 when nothing matches.
      if (err instanceof Error && /exited with code 1|^$/.test(err.message)) return "";
      throw err;
    });
  const matches = out
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [ref = "", line = "0", ...rest] = row.split("\0");
      return { path: ref.replace(/^HEAD:/, ""), line: Number(line), text: rest.join("\0").slice(0, MAX_LINE_CHARS) };
    });
  return { matches: matches.slice(0, query.limit), truncated: matches.length > query.limit };
}
