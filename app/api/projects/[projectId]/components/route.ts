import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { buildAllComponents } from "@/lib/bundler";

const params = z.strictObject({ projectId: z.uuid() });

/** Every component at HEAD with its bundle URL, or its build errors with file, line and column. */
export const GET = route({ access: "project:viewer", summary: "Every component at HEAD with its bundle URL or build errors", params }, ({ scope }) => buildAllComponents(scope));

/** Builds every component as this editor, adding npm packages a component imports but package.json lacks. */
export const POST = route({ access: "project:editor", summary: "Build every component, adding the npm packages they import", params }, ({ scope, log }) => buildAllComponents(scope, log));

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
