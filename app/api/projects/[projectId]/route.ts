import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { UpdateProjectInput, deleteProject, getProject, updateProject } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", summary: "The project", params }, ({ scope }) => getProject(scope));

export const PATCH = route({ access: "project:editor", summary: "Rename the project or change its slug", params, body: UpdateProjectInput }, ({ scope, body, log }) =>
  updateProject(scope, body, log),
);

export const DELETE = route({ access: "project:owner", summary: "Delete the project and everything in it", params }, ({ scope, log }) => deleteProject(scope, log));

export const { POST, PUT, OPTIONS } = notAllowed({ GET, PATCH, DELETE });
