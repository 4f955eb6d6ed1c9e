import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { ProjectModelInput, getProjectModel, updateProjectModel } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** The model the project's agent runs use, and the server's providers to choose from (never a key). */
export const GET = route({ access: "project:viewer", summary: "The project's model and the server's providers", params }, ({ scope }) => getProjectModel(scope));

/** Owners only: it decides where the project's code and prompts are sent, and whose key pays. */
export const PUT = route({ access: "project:owner", summary: "Choose the project's model", params, body: ProjectModelInput }, ({ scope, body }) => updateProjectModel(scope, body));

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
