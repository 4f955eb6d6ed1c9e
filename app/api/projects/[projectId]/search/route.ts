import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { SearchQuery, searchFiles } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", summary: "Search the files at HEAD", params, query: SearchQuery }, ({ scope, query }) => searchFiles(scope, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
