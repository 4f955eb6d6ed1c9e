import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { HistoryQuery, listHistory } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", summary: "Commits, newest first, by cursor", params, query: HistoryQuery }, ({ scope, query }) => listHistory(scope, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
