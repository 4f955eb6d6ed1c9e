import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { AiUsageQuery, getAiUsage } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** Tokens the project's agent runs used, per day over the last 30 days and per recent run. */
export const GET = route({ access: "project:viewer", summary: "Tokens (and cost) of the project's agent runs per day and per run, with the monthly budgets", params, query: AiUsageQuery }, ({ scope, query }) => getAiUsage(scope, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
