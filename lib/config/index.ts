import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const httpUrl = z.url({ protocol: /^https?$/ });

/** Every environment variable Myco reads; .env.example documents each with its default. */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    MYCO_URL: httpUrl.default("http://localhost:3000"),
    MYCO_APPS_URL: z
      .string()
      .default("http://{slug}.apps.localhost:3000")
      .refine((v) => v.includes("{slug}") && httpUrl.safeParse(v.replace("{slug}", "slug")).success, {
        message: "must be an http(s) URL containing {slug}",
      }),
    MYCO_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: optionalString.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
    ),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    MYCO_SECRETS_KEY: optionalString.pipe(
      z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded").optional(),
    ),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    SENTRY_DSN: optionalString.pipe(z.url().optional()),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    MYCO_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  })
  .refine((e) => Boolean(e.AUTH_GITHUB_ID) === Boolean(e.AUTH_GITHUB_SECRET), {
    message: "set both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET, or neither",
    path: ["AUTH_GITHUB_SECRET"],
  });

export type Env = z.infer<typeof EnvSchema>;

/** The parsed configuration, with derived values; never read process.env outside this module. */
export type Config = Readonly<{
  nodeEnv: Env["NODE_ENV"];
  ideUrl: URL;
  appsUrlPattern: string;
  dataDir: string;
  databaseUrl: string | undefined;
  authSecret: string;
  /** 32 bytes that encrypt project secrets at rest (AES-256-GCM). */
  secretsKey: Buffer;
  github: { clientId: string; clientSecret: string } | undefined;
  sentryDsn: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  /** The largest file a workspace accepts, in bytes. */
  maxFileBytes: number;
}>;

/** A configuration that cannot start Myco; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Without AUTH_SECRET or MYCO_SECRETS_KEY, a random value is made once and kept in the data dir (mode
 * 0600), so a fresh `npm start` works and survives restarts; production deployments set them.
 */
function loadOrCreateSecret(dataDir: string, name: string, encoding: "base64url" | "base64"): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString(encoding);
  fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

/** Parses an environment; throws ConfigError naming each bad variable. Exported for tests. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.MYCO_DATA_DIR);
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    ideUrl: new URL(e.MYCO_URL),
    appsUrlPattern: e.MYCO_APPS_URL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.AUTH_SECRET ?? loadOrCreateSecret(dataDir, "auth-secret", "base64url"),
    secretsKey: Buffer.from(e.MYCO_SECRETS_KEY ?? loadOrCreateSecret(dataDir, "secrets-key", "base64"), "base64"),
    github:
      e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
        ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }
        : undefined,
    sentryDsn: e.SENTRY_DSN,
    logLevel: e.LOG_LEVEL,
    maxFileBytes: e.MYCO_MAX_FILE_BYTES,
  });
}

let cached: Config | undefined;

/** The process's configuration, parsed once on first use (start-up calls it first; see instrumentation.ts). */
export function getConfig(): Config {
  return (cached ??= parseConfig(process.env));
}
