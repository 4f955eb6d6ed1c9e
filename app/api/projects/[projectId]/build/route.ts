import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { checkBuild } from "@/lib/bundler";

const params = z.strictObject({ projectId: z.uuid() });

/** Builds every component and function at HEAD: `{problems: [{file, line, column, message}]}`, empty when all build. */
export const POST = route({ access: "project:editor", summary: "Build every component and function at HEAD and list the problems", params, limits: ["builds"] }, ({ scope, log }) => checkBuild(scope, log));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
