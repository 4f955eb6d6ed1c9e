import { z } from "zod";
import { created, notAllowed, route } from "@/lib/http";
import { DeployInput, deployRelease } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid() });

/** Deploys a release to staging or prod (promotion: staging's release to prod); owners, or editors if allowed. */
export const POST = route({ access: "project:editor", summary: "Deploy a release to staging or prod", params, body: DeployInput }, async ({ scope, body, log }) =>
  created(await deployRelease(scope, body, log)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
