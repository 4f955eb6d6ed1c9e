import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { listEnvironments } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid() });

/** dev, staging and prod: each one's URL, what it serves now, and its deployment history. */
export const GET = route({ access: "project:viewer", summary: "dev, staging and prod: URL, what each serves, its deployments", params }, ({ scope }) => listEnvironments(scope));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
