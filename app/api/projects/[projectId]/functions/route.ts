import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { listFunctions } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", summary: "Every function at HEAD", params }, ({ scope }) => listFunctions(scope));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
