import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { CommitSha, WorkspacePath, getFileChange } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid(), sha: CommitSha, path: z.array(z.string()).min(1).transform((s) => s.join("/")).pipe(WorkspacePath) });

/** One file before and after the commit `{sha, path, before, after, isBinary}`, for a side-by-side diff. */
export const GET = route({ access: "project:viewer", summary: "One file before and after a commit", params }, ({ scope, params }) => getFileChange(scope, params.sha, params.path));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
