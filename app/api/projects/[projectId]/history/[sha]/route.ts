import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { CommitSha, getCommitDiff } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid(), sha: CommitSha });

export const GET = route({ access: "project:viewer", summary: "A commit and its files' changes", params }, ({ scope, params }) => getCommitDiff(scope, params.sha));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
