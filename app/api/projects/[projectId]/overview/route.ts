import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { StatsRange, getProjectOverview } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid() });
const query = z.strictObject({ range: StatsRange.default("hour") });

/** Everything the dashboard shows of the project: micro-frontends, functions with their charts, routes, releases, runs, storage. */
export const GET = route({ access: "project:viewer", summary: "The project's functions with their charts, components, routes, releases, runs and storage", params, query, limits: ["queries"] }, ({ scope, query }) => getProjectOverview(scope, query.range));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
