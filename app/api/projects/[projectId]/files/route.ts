import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { listFiles } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });

/** Every file of the workspace at HEAD. */
export const GET = route({ access: "project:viewer", summary: "Every file of the workspace at HEAD", params }, ({ scope }) => listFiles(scope));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
