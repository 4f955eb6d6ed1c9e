import { z } from "zod";
import type { EnvName } from "@/lib/db";

// The registry's EnvName values, so a deployment's environment names the matching database file.
const TENANT_ENVS = ["dev", "staging", "prod"] as const satisfies readonly EnvName[];

/** Which of a project's databases: dev follows the workspace, staging and prod follow deployments. */
export const TenantEnv = z.enum(TENANT_ENVS).default("dev");
export type TenantEnv = (typeof TENANT_ENVS)[number];

/** True for one of the three environment names; the name becomes a file name, so nothing else passes. */
export function isTenantEnv(value: unknown): value is TenantEnv {
  return TENANT_ENVS.some((env) => env === value);
}
