import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { StatsRange, listProjectSummaries } from "@/lib/projects";

const query = z.strictObject({ range: StatsRange.default("hour") });

/** The caller's projects at a glance (every project on the platform for its admin): deployments, calls, runs, storage. */
export const GET = route({ access: "user", summary: "The caller's projects at a glance (every project for the platform admin)", query, projectTokens: true }, ({ identity, query }) => listProjectSummaries(identity, query.range));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
