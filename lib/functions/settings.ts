import { z } from "zod";
import { getDb, recordAudit, type Prisma } from "@/lib/db";
import type { ProjectScope } from "@/lib/auth";
import { projectCache } from "./project-cache";
import { DEFAULT_LIMITS, type FunctionLimits } from "./function-limits";

// Hosts a project's functions may fetch: exact names or "*.example.com" for its subdomains.
const AllowedHost = z
  .string()
  .toLowerCase()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "must be a host name such as api.example.com or *.example.com");

/** Per-project overrides of the function limits, each bounded so no project can starve the server. */
export const FunctionSettings = z.strictObject({
  limits: z
    .strictObject({
      memoryMb: z.number().int().min(16).max(256),
      cpuMs: z.number().int().min(50).max(10_000),
      wallMs: z.number().int().min(100).max(60_000),
      maxResponseBytes: z.number().int().min(1024).max(10 * 1024 * 1024),
      maxLogBytes: z.number().int().min(1024).max(1024 * 1024),
      maxConcurrent: z.number().int().min(1).max(32),
    })
    .partial()
    .default({}),
  /** Empty: ctx.fetch is off. */
  allowedHosts: z.array(AllowedHost).max(50).default([]),
});
export type FunctionSettings = z.infer<typeof FunctionSettings>;

/** The settings as the API shows them: the overrides, plus the defaults that apply where a limit is unset. */
export type FunctionSettingsView = FunctionSettings & { defaults: FunctionLimits };

const Stored = z.object({ functions: FunctionSettings.optional() }).passthrough();

const cache = projectCache("functions.settings", loadSettings);

/** The project's function settings (defaults where unset). */
export function getFunctionSettings(projectId: string): Promise<FunctionSettings> {
  return cache.get(projectId);
}

/** The project's function settings with the default limits beside them (effective = defaults overlaid with limits). */
export async function readFunctionSettings(projectId: string): Promise<FunctionSettingsView> {
  return { ...(await cache.get(projectId)), defaults: { ...DEFAULT_LIMITS } };
}

async function loadSettings(projectId: string): Promise<FunctionSettings> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  const parsed = Stored.safeParse(project?.settings ?? {});
  return parsed.success && parsed.data.functions ? parsed.data.functions : FunctionSettings.parse({});
}

/** Replaces the project's function settings; answers them as readFunctionSettings does. */
export async function updateFunctionSettings(scope: ProjectScope, input: FunctionSettings): Promise<FunctionSettingsView> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: scope.projectId }, select: { settings: true } });
    const settings = { ...(project.settings as Prisma.JsonObject), functions: input } as Prisma.InputJsonObject;
    await tx.project.update({ where: { id: scope.projectId }, data: { settings } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "functions.settings_changed", { allowedHosts: input.allowedHosts, limits: input.limits });
  });
  cache.forget(scope.projectId);
  return { ...input, defaults: { ...DEFAULT_LIMITS } };
}
