import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { CommitSha, restoreCommit } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid(), sha: CommitSha });

/** The workspace as it was at `sha`, as a new commit; 200 with the commit, or null when nothing differed. */
export const POST = route({ access: "project:editor", summary: "Restore the workspace as it was at a commit, as a new commit", params }, async ({ scope, params, log }) => ({
  commit: await restoreCommit(scope, params.sha, log),
}));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
