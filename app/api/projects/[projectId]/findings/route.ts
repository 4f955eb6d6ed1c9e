import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { FindingsQuery, analyseProject } from "@/lib/bundler";

const params = z.strictObject({ projectId: z.uuid() });

/** Security findings of the components and functions at HEAD or `ref`: `{findings, high, medium, low}`. */
export const GET = route({ access: "project:viewer", summary: "Security findings in the project's code, at HEAD or a commit", params, query: FindingsQuery, limits: ["queries"] }, ({ scope, query }) => analyseProject(scope, { ref: query.ref, capped: true }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
