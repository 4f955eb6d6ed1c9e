import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route, notAllowed } from "@/lib/http";
import { renderAppShell } from "@/lib/bundler";

// Every page path of an app on its own origin: the runtime routes on the client.
const params = z.strictObject({ slug: z.string().min(1).max(40), env: z.enum(["dev", "staging", "prod"]), path: z.array(z.string()).optional() });

export const GET = route({ access: "app", params }, async ({ scope, params }) => {
  if (params.env !== "dev") throw new AppError("not_found", `No release is deployed to ${params.env} yet.`, "env");
  const shell = await renderAppShell(scope, params.env);
  return new Response(shell.html, { headers: shell.headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
