import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { ChangeSet, applyChanges } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });
const MAX_CHANGE_SET_BYTES = 90 * 1024 * 1024;

/** Several file changes as one commit, or none of them. */
export const POST = route({ access: "project:editor", summary: "Apply several file changes as one commit, or none", params, body: ChangeSet, maxBodyBytes: MAX_CHANGE_SET_BYTES }, ({ scope, body, log }) =>
  applyChanges(scope, body, log),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
