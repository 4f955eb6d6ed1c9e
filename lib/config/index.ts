import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { RATE_LIMIT_DEFAULTS, RateLimitOverrides, type RateLimitId } from "./rate-limits";
import { ArtifactsUrl, type ArtifactStoreConfig } from "./artifacts-url";

export { RATE_LIMIT_DEFAULTS, type RateLimitId, type ArtifactStoreConfig };
export { processWide } from "./process-wide";
export { crashPoint, type CrashPoint } from "./crash-point";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const httpUrl = z.url({ protocol: /^https?$/ });

function parseJson(text: string, ctx: z.RefinementCtx<string>): unknown {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a JSON array" });
    return z.NEVER;
  }
}

function parseJsonObject(text: string, ctx: z.RefinementCtx<string>): unknown {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a JSON object" });
    return z.NEVER;
  }
}

/** AI_PRICES: US dollars per million prompt and completion tokens, by model name. */
const AiPrices = z.record(
  z.string().min(1).max(200),
  z.strictObject({ prompt: z.number().min(0).max(10_000), completion: z.number().min(0).max(10_000) }),
);

/** One entry of AI_FALLBACK_PROVIDERS. */
const FallbackProvider = z.strictObject({
  baseUrl: httpUrl,
  model: z.string().min(1),
  apiKey: z.string().optional(),
  name: z.string().min(1).max(40).optional(),
});

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
    MYCO_MIN_FREE_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
    MYCO_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    AI_BASE_URL: optionalString.pipe(httpUrl.optional()),
    AI_API_KEY: optionalString,
    AI_MODEL: optionalString,
    AI_FALLBACK_PROVIDERS: optionalString.pipe(z.string().transform(parseJson).pipe(z.array(FallbackProvider).max(8)).optional()),
    AI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
    // Hosts (names or IP addresses) a project's own model endpoint may reach although they are private.
    AI_ALLOW_PRIVATE_HOSTS: optionalString.pipe(
      z.string().regex(/^[a-z0-9.:_-]{1,253}(,[a-z0-9.:_-]{1,253}){0,31}$/i, "must be host names or IP addresses, comma-separated").optional(),
    ),
    AGENT_MAX_STEPS: z.coerce.number().int().min(1).max(200).default(30),
    AGENT_MAX_TOKENS: z.coerce.number().int().min(1_000).max(10_000_000).default(400_000),
    AGENT_CONTEXT_TOKENS: z.coerce.number().int().min(2_000).max(2_000_000).default(32_000),
    AGENT_RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(6),
    MYCO_TENANT_DB_RUNNERS: z.coerce.number().int().min(1).max(256).default(8),
    MYCO_FUNCTION_RUNNER_POOL: z.coerce.number().int().min(0).max(32).default(2),
    MYCO_TENANT_DB_QUEUE: z.coerce.number().int().min(1).max(1_000).default(32),
    MYCO_TENANT_DB_CPU_SHARE: z.coerce.number().int().min(1).max(100).default(25),
    MYCO_TENANT_DB_IDLE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional()),
    UPSTASH_REDIS_REST_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    MYCO_RATE_LIMITS: optionalString.pipe(z.string().transform(parseJsonObject).pipe(RateLimitOverrides).optional()),
    MYCO_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
    MYCO_ARTIFACTS_URL: optionalString.pipe(ArtifactsUrl.optional()),
    // Fault drills: named points where the process kills itself (SIGKILL), e.g. "deploy.migrated".
    MYCO_CRASH_POINTS: optionalString.pipe(z.string().regex(/^[a-z_.]+(,[a-z_.]+)*$/, "must be names like deploy.migrated, comma-separated").optional()),
    MYCO_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
    MYCO_METRICS_HOST: z.string().regex(/^[a-z0-9.:-]{1,253}$/i, "must be a host name or an IP address").default("127.0.0.1"),
    MYCO_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
    MYCO_PROJECT_MONTHLY_TOKENS: z.coerce.number().int().min(0).max(1e12).default(0),
    MYCO_USER_MONTHLY_TOKENS: z.coerce.number().int().min(0).max(1e12).default(0),
    AI_PRICES: optionalString.pipe(z.string().transform(parseJsonObject).pipe(AiPrices).optional()),
    // Set by lib/http/server.mjs, never by hand: the random name of the header carrying the socket's address.
    MYCO_PEER_HEADER: optionalString.pipe(z.string().regex(/^x-myco-peer-[0-9a-f]{32}$/).optional()),
  })
  .refine((e) => !e.AI_BASE_URL || Boolean(e.AI_MODEL), {
    message: "set AI_MODEL too when AI_BASE_URL is set",
    path: ["AI_MODEL"],
  })
  .refine((e) => Boolean(e.UPSTASH_REDIS_REST_URL) === Boolean(e.UPSTASH_REDIS_REST_TOKEN), { message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither", path: ["UPSTASH_REDIS_REST_TOKEN"] })
  .refine((e) => Boolean(e.AUTH_GITHUB_ID) === Boolean(e.AUTH_GITHUB_SECRET), { message: "set both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET, or neither", path: ["AUTH_GITHUB_SECRET"] });

export type Env = z.infer<typeof EnvSchema>;

/** The parsed configuration, with derived values; never read process.env outside this module. */
export type Config = Readonly<{
  nodeEnv: Env["NODE_ENV"];
  ideUrl: URL;
  appsUrlPattern: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Where build artifacts are kept: the data folder by default, a bucket with MYCO_ARTIFACTS_URL. */
  artifacts: ArtifactStoreConfig;
  authSecret: string;
  /** 32 bytes that encrypt project secrets at rest (AES-256-GCM). */
  secretsKey: Buffer;
  github: { clientId: string; clientSecret: string } | undefined;
  sentryDsn: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  /** Free space a data store must keep (MYCO_MIN_FREE_MB): less, and /api/ready reports its disk as full. */
  minFreeBytes: number;
  /** The largest file a workspace accepts, in bytes. */
  maxFileBytes: number;
  /** The chat models the agent tries in order; empty means the built-in offline provider. */
  aiProviders: readonly AiProviderConfig[];
  /** How long one model request may take before the next provider is tried. */
  aiTimeoutMs: number;
  /**
   * Private hosts (names or addresses, lower-cased) a project's own model endpoint may reach; every other
   * loopback, private or link-local address is refused (AI_ALLOW_PRIVATE_HOSTS, e.g. an Ollama on the LAN).
   */
  aiAllowedPrivateHosts: ReadonlySet<string>;
  /** Limits of one agent run, the model's context size, and runs a user may start per minute. */
  agent: { maxSteps: number; maxTokens: number; contextTokens: number; runsPerMinute: number };
  /**
   * Tenant SQL lanes: query runner processes for the whole server, queries one tenant may have
   * waiting, the percentage of the last 10 s a tenant's runner may be busy before it runs at low
   * priority, and how long an idle runner is kept.
   */
  tenantDb: { maxRunners: number; queuePerTenant: number; cpuSharePercent: number; runnerIdleMs: number };
  /** Function runners forked ahead (MYCO_FUNCTION_RUNNER_POOL) so a project's first call skips their start-up; 0: on demand. */
  functionRunnerPool: number;
  /** Where shared rate-limit counters live; unset means in-process counters. */
  redis: { kind: "upstash"; url: string; token: string } | { kind: "redis"; url: string } | undefined;
  /** Every rate limit, defaults with MYCO_RATE_LIMITS applied. */
  rateLimits: Readonly<Record<RateLimitId, { limit: number; windowSeconds: number }>>;
  /**
   * How a request's client address is found: the header Myco's own server stamps with the socket's
   * address (unset under `next dev`), and how many reverse proxies in front append to X-Forwarded-For.
   */
  clientAddress: { peerHeader: string | undefined; trustedProxies: number };
  /** Where Prometheus scrapes /metrics (MYCO_METRICS_PORT, 0 turns it off; MYCO_METRICS_HOST): never the IDE or app origins. */
  metrics: { port: number; host: string };
  /** Days audit events are kept (MYCO_AUDIT_RETENTION_DAYS); older ones are deleted. */
  auditRetentionDays: number;
  /**
   * Monthly token budgets: the default for each project (its owner may set another) and the cap for each
   * user across projects; 0 means no budget.
   */
  budgets: { projectMonthlyTokens: number; userMonthlyTokens: number };
  /** Prices per million tokens by model (AI_PRICES), for cost estimates; models not listed have no cost. */
  aiPrices: Readonly<Record<string, { prompt: number; completion: number }>>;
  /** Fault drills only: where the process kills itself to prove a recovery path (MYCO_CRASH_POINTS). */
  crashPoints: ReadonlySet<string>;
}>;

/** An OpenAI-compatible chat endpoint. */
export type AiProviderConfig = Readonly<{ name: string; baseUrl: string; apiKey: string | undefined; model: string }>;

function aiProviders(e: Env): AiProviderConfig[] {
  if (!e.AI_BASE_URL || !e.AI_MODEL) return [];
  const primary = { name: new URL(e.AI_BASE_URL).host, baseUrl: e.AI_BASE_URL, apiKey: e.AI_API_KEY, model: e.AI_MODEL };
  const fallbacks = (e.AI_FALLBACK_PROVIDERS ?? []).map((p) => ({
    name: p.name ?? new URL(p.baseUrl).host,
    baseUrl: p.baseUrl,
    apiKey: p.apiKey,
    model: p.model,
  }));
  return [primary, ...fallbacks];
}

function redisConfig(e: Env): Config["redis"] {
  if (e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) {
    return { kind: "upstash", url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN };
  }
  return e.REDIS_URL ? { kind: "redis", url: e.REDIS_URL } : undefined;
}

function rateLimits(e: Env): Config["rateLimits"] {
  const entries = Object.entries(RATE_LIMIT_DEFAULTS).map(([id, rule]) => [id, { ...rule, ...e.MYCO_RATE_LIMITS?.[id as RateLimitId] }]);
  return Object.fromEntries(entries) as Config["rateLimits"];
}

/** A configuration that cannot start Myco; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

// mkdir -p one level at a time: Node's recursive mkdir says ENOENT where the cause is EROFS or EACCES.
function makeDirSync(dir: string): void {
  if (fs.existsSync(dir)) return;
  makeDirSync(path.dirname(dir));
  fs.mkdirSync(dir);
}

/**
 * Without AUTH_SECRET or MYCO_SECRETS_KEY, a random value is made once and kept in the data dir (mode
 * 0600), so a fresh `npm start` works and survives restarts; production deployments set them.
 */
function loadOrCreateSecret(dataDir: string, name: string, encoding: "base64url" | "base64"): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString(encoding);
  try {
    makeDirSync(dataDir);
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`MYCO_DATA_DIR: cannot create ${file} (${code}); the data folder ${dataDir} must be writable.`);
  }
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
    artifacts: e.MYCO_ARTIFACTS_URL ?? { kind: "local" as const },
    authSecret: e.AUTH_SECRET ?? loadOrCreateSecret(dataDir, "auth-secret", "base64url"),
    secretsKey: Buffer.from(e.MYCO_SECRETS_KEY ?? loadOrCreateSecret(dataDir, "secrets-key", "base64"), "base64"),
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET } : undefined,
    sentryDsn: e.SENTRY_DSN,
    logLevel: e.LOG_LEVEL,
    minFreeBytes: e.MYCO_MIN_FREE_MB * 1024 * 1024,
    maxFileBytes: e.MYCO_MAX_FILE_BYTES,
    aiProviders: aiProviders(e),
    aiTimeoutMs: e.AI_TIMEOUT_MS,
    aiAllowedPrivateHosts: new Set(e.AI_ALLOW_PRIVATE_HOSTS?.toLowerCase().split(",") ?? []),
    agent: {
      maxSteps: e.AGENT_MAX_STEPS,
      maxTokens: e.AGENT_MAX_TOKENS,
      contextTokens: e.AGENT_CONTEXT_TOKENS,
      runsPerMinute: e.AGENT_RUNS_PER_MINUTE,
    },
    tenantDb: {
      maxRunners: e.MYCO_TENANT_DB_RUNNERS,
      queuePerTenant: e.MYCO_TENANT_DB_QUEUE,
      cpuSharePercent: e.MYCO_TENANT_DB_CPU_SHARE,
      runnerIdleMs: e.MYCO_TENANT_DB_IDLE_MS,
    },
    functionRunnerPool: e.MYCO_FUNCTION_RUNNER_POOL,
    redis: redisConfig(e),
    rateLimits: rateLimits(e),
    clientAddress: { peerHeader: e.MYCO_PEER_HEADER, trustedProxies: e.MYCO_TRUSTED_PROXIES },
    metrics: { port: e.MYCO_METRICS_PORT, host: e.MYCO_METRICS_HOST },
    auditRetentionDays: e.MYCO_AUDIT_RETENTION_DAYS,
    budgets: { projectMonthlyTokens: e.MYCO_PROJECT_MONTHLY_TOKENS, userMonthlyTokens: e.MYCO_USER_MONTHLY_TOKENS },
    aiPrices: e.AI_PRICES ?? {},
    crashPoints: new Set(e.MYCO_CRASH_POINTS?.split(",") ?? []),
  });
}

let cached: Config | undefined;

/** The process's configuration, parsed once on first use (start-up calls it first; see instrumentation.ts). */
export function getConfig(): Config {
  return (cached ??= parseConfig(process.env));
}
