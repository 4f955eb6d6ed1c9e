import { z } from "zod";

// A workspace path is a relative POSIX path whose every segment is drawn from a small ASCII allowlist.
// Allowlisting (rather than stripping "..") is what defeats the spellings of traversal: percent- and
// double-encoding, backslashes, fullwidth or other unicode look-alike dots and slashes, NUL bytes.
const SEGMENT = /^\.?[A-Za-z0-9_@+=,-][A-Za-z0-9._@+=,-]*$/;
const MAX_SEGMENT_CHARS = 100;
const MAX_PATH_CHARS = 400;
const MAX_DEPTH = 12;
// Git's own metadata, and names Windows cannot hold, are never workspace files.
const FORBIDDEN_SEGMENTS = /^(\.git|\.gitmodules|\.gitattributes|con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function problem(path: string): string | undefined {
  if (path.length === 0) return "is empty";
  if (path.length > MAX_PATH_CHARS) return `is longer than ${MAX_PATH_CHARS} characters`;
  if (path.includes("\0")) return "contains a NUL byte";
  if (path.includes("\\")) return "contains a backslash; use / between folders";
  if (path.startsWith("/")) return "is absolute; give a path inside the workspace";
  if (/%[0-9a-f]{2}/i.test(path)) return "contains percent-encoding";
  const segments = path.split("/");
  if (segments.length > MAX_DEPTH) return `is nested deeper than ${MAX_DEPTH} folders`;
  for (const segment of segments) {
    if (segment === "") return "contains an empty segment (// or a trailing /)";
    if (segment === "." || segment === "..") return "contains . or .. segments";
    if (segment.length > MAX_SEGMENT_CHARS) return `has a name longer than ${MAX_SEGMENT_CHARS} characters`;
    if (!SEGMENT.test(segment)) return `has a name with characters outside A-Z a-z 0-9 . _ - @ + = , ("${segment.slice(0, 40)}")`;
    if (segment.endsWith(".")) return "has a name ending in a dot";
    if (FORBIDDEN_SEGMENTS.test(segment)) return `uses the reserved name "${segment}"`;
  }
  return undefined;
}

/** A safe, relative path inside a project's workspace (`components/Chart.tsx`); refused with the reason otherwise. */
export const WorkspacePath = z.string().superRefine((path, ctx) => {
  const reason = problem(path);
  if (reason) ctx.addIssue({ code: "custom", message: `path ${reason}` });
});
export type WorkspacePath = z.infer<typeof WorkspacePath>;

