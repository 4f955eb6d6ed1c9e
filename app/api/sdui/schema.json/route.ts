import { route, notAllowed } from "@/lib/http";
import { blueprintJsonSchema } from "@/lib/sdui";

/** The app.json blueprint as JSON Schema (draft 2020-12), for editors and models. */
export const GET = route({ access: "public", summary: "The app.json blueprint as JSON Schema" }, () => blueprintJsonSchema());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
