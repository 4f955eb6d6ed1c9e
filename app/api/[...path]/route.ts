import { errorResponse } from "@/lib/http";

// Any /api path no other route claims: a JSON 404 rather than the HTML not-found page, whatever the method.
function notFound(req: Request): Response {
  return errorResponse("not_found", `No API route ${req.method} ${new URL(req.url).pathname}.`, "path");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
