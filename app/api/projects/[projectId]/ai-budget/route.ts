import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { ProjectBudgetInput, getBudgets, setProjectBudget } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** This month's tokens of the project and of the caller, against their monthly budgets. */
export const GET = route({ access: "project:viewer", summary: "This month's tokens of the project and of the caller against their budgets", params }, ({ scope }) => getBudgets(scope));

/** Sets the project's monthly token budget (null: the server's default); owners only. */
export const PUT = route({ access: "project:owner", summary: "Set the project's monthly token budget", params, body: ProjectBudgetInput }, ({ scope, body }) => setProjectBudget(scope, body));

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
