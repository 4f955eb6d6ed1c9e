import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { PreviewErrorInput, recordPreviewError } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** An error the preview's app runtime reported, kept briefly so the agent's read_preview_errors sees it (editors only: it steers the agent). */
export const POST = route({ access: "project:editor", summary: "Report an error the preview's runtime hit, for the agent to read", params, body: PreviewErrorInput, maxBodyBytes: 8 * 1024 }, ({ scope, body }) => {
  recordPreviewError(scope.projectId, body);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
