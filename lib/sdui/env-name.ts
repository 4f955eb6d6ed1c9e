import * as z from "zod";

/**
 * The environments an app runs in, the one list every module uses: dev follows the workspace HEAD (the
 * preview), staging and prod each serve a deployed release. The registry's EnvName enum matches it (a
 * test holds them together).
 */
export const ENV_NAMES = ["dev", "staging", "prod"] as const;
export const EnvName = z.enum(ENV_NAMES);
export type EnvName = z.infer<typeof EnvName>;

/** The environments a release is deployed to; dev is never deployed, it follows the workspace. */
export const DEPLOY_ENVS = ["staging", "prod"] as const satisfies readonly EnvName[];
export const DeployEnv = z.enum(DEPLOY_ENVS);
export type DeployEnv = z.infer<typeof DeployEnv>;
