import { ENV_NAMES, EnvName } from "@/lib/sdui";

/** Which of a project's databases: dev follows the workspace, staging and prod follow deployments. */
export const TenantEnv = EnvName.default("dev");
export type TenantEnv = EnvName;

/** True for one of the three environment names; the name becomes a file name, so nothing else passes. */
export function isTenantEnv(value: unknown): value is TenantEnv {
  return ENV_NAMES.some((env) => env === value);
}
