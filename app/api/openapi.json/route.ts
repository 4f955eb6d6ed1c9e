import { json, notAllowed, route } from "@/lib/http";
import { apiDocument } from "./route-table";

// The document changes only with a deploy; a short public cache spares rebuilding it per request.
const CACHE = { "cache-control": "public, max-age=300" };

/** This API as an OpenAPI 3.1 document, from the zod schemas its routes validate with; rendered at /api-docs. */
export const GET = route({ access: "public", summary: "The API as an OpenAPI 3.1 document" }, () => json(apiDocument(), 200, CACHE));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
