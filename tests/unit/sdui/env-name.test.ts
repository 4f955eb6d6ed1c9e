import { describe, expect, it } from "vitest";
import { EnvName as RegistryEnvName } from "@/lib/db";
import { DEPLOY_ENVS, ENV_NAMES } from "@/lib/sdui";

describe("environment names", () => {
  it("are the registry's EnvName enum exactly, in the same order", () => {
    expect(Object.values(RegistryEnvName)).toEqual([...ENV_NAMES]);
  });

  it("deploy to every environment but dev, which follows the workspace", () => {
    expect([...DEPLOY_ENVS]).toEqual(ENV_NAMES.filter((env) => env !== "dev"));
  });
});
