import { z } from "zod";
import { created, notAllowed, route } from "@/lib/http";
import { CreateReleaseInput, createRelease, listReleases } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid() });

/** The project's releases, newest version first, each with its diff to the one before. */
export const GET = route({ access: "project:viewer", summary: "Releases, newest first, each with its diff", params }, ({ scope }) => listReleases(scope));

/** Cuts a release of the workspace HEAD (everything built and checked first); 201 with its artifacts. */
export const POST = route({ access: "project:editor", summary: "Cut a release of the workspace HEAD", params, body: CreateReleaseInput }, async ({ scope, body, log }) =>
  created(await createRelease(scope, body, log)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
