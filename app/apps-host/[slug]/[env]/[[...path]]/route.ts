import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { EnvName } from "@/lib/sdui";
import { serveAppPage } from "@/lib/releases";

// Every page path of an app on its own origin: the runtime routes on the client.
const params = z.strictObject({ slug: z.string().min(1).max(40), env: EnvName, path: z.array(z.string()).optional() });

/** The page shell of what this environment serves: the workspace HEAD on dev, the deployed release elsewhere. */
export const GET = route({ access: "app", params }, async ({ scope }) => {
  const shell = await serveAppPage(scope);
  return new Response(shell.html, { headers: shell.headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
