import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "myco-config-"));

describe("parseConfig", () => {
  it("serves on embedded defaults with an empty environment", () => {
    const dir = dataDir();
    const config = parseConfig({ MYCO_DATA_DIR: dir });
    expect(config.ideUrl.origin).toBe("http://localhost:3000");
    expect(config.appsUrlPattern).toBe("http://{slug}.apps.localhost:3000");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.github).toBeUndefined();
    expect(config.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("keeps a generated auth secret in the data dir, private, and reuses it", () => {
    const dir = dataDir();
    const first = parseConfig({ MYCO_DATA_DIR: dir }).authSecret;
    expect(parseConfig({ MYCO_DATA_DIR: dir }).authSecret).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });

  it.each([
    [{ MYCO_URL: "not a url" }, "MYCO_URL"],
    [{ MYCO_URL: "ftp://example.com" }, "MYCO_URL"],
    [{ MYCO_APPS_URL: "http://apps.example.com" }, "MYCO_APPS_URL"],
    [{ DATABASE_URL: "mysql://db/x" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ AUTH_GITHUB_ID: "id-only" }, "AUTH_GITHUB_SECRET"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
  ])("stops with a message naming the variable for %j", (env, name) => {
    const run = () => parseConfig({ MYCO_DATA_DIR: dataDir(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`^Invalid environment configuration:\\n  ${name}: `));
  });

  it("takes PostgreSQL, GitHub and Sentry when set, and treats empty values as unset", () => {
    const config = parseConfig({
      MYCO_DATA_DIR: dataDir(),
      DATABASE_URL: "postgresql://u@127.0.0.1:5432/db",
      AUTH_SECRET: "s".repeat(32),
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "secret",
      SENTRY_DSN: "",
    });
    expect(config.databaseUrl).toBe("postgresql://u@127.0.0.1:5432/db");
    expect(config.authSecret).toBe("s".repeat(32));
    expect(config.github).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(config.sentryDsn).toBeUndefined();
  });
});

describe("secrets key", () => {
  it("is generated once into the data dir, or taken from MYCO_SECRETS_KEY when it is 32 bytes", () => {
    const dir = dataDir();
    const generated = parseConfig({ MYCO_DATA_DIR: dir }).secretsKey;
    expect(generated).toHaveLength(32);
    expect(parseConfig({ MYCO_DATA_DIR: dir }).secretsKey.equals(generated)).toBe(true);
    const given = Buffer.alloc(32, 7).toString("base64");
    expect(parseConfig({ MYCO_DATA_DIR: dataDir(), MYCO_SECRETS_KEY: given }).secretsKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() => parseConfig({ MYCO_DATA_DIR: dataDir(), MYCO_SECRETS_KEY: "c2hvcnQ=" })).toThrow(/MYCO_SECRETS_KEY: must be 32 bytes/);
  });
});
