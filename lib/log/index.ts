import * as Sentry from "@sentry/nextjs";
import { getConfig } from "@/lib/config";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

/** Flat, JSON-serialisable fields; never secrets or env values. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A structured logger: dot.case event names, flat fields, one JSON line per event on stdout/stderr. */
export type Logger = {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** Logs and reports to Sentry (when SENTRY_DSN is set); `err` is the cause, if any. */
  error(event: string, fields?: LogFields, err?: unknown): void;
  /** A logger whose lines all carry `fields` (a request, an agent run). */
  child(fields: LogFields): Logger;
};

function errorFields(err: unknown): LogFields {
  if (err instanceof Error) return { err: err.message, errName: err.name, stack: err.stack };
  return err === undefined ? {} : { err: String(err) };
}

function createLogger(bound: LogFields): Logger {
  const write = (level: Level, event: string, fields: LogFields | undefined, err?: unknown) => {
    if (LEVELS[level] < LEVELS[getConfig().logLevel]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...bound, ...fields, ...errorFields(err) });
    (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (event, fields) => write("debug", event, fields),
    info: (event, fields) => write("info", event, fields),
    warn: (event, fields) => write("warn", event, fields),
    error: (event, fields, err) => {
      write("error", event, fields, err);
      Sentry.captureException(err ?? new Error(event), { tags: { event }, extra: { ...bound, ...fields } });
    },
    child: (fields) => createLogger({ ...bound, ...fields }),
  };
}

/** The root logger. */
export const log: Logger = createLogger({});

/** Reports an error Next caught while rendering or answering a route (its onRequestError hook, see instrumentation.ts). */
export const reportRequestError: typeof Sentry.captureRequestError = Sentry.captureRequestError;

/**
 * What Sentry may take from a request besides the error: nothing of tenants' data. Bodies carry secrets
 * and rows, headers and cookies carry sessions and tokens, and local variables carry anything.
 */
const PRIVATE_DATA = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [],
  urlQueryParams: false,
  stackFrameVariables: false,
  databaseQueryData: false,
  genAI: { inputs: false, outputs: false },
} satisfies NonNullable<Parameters<typeof Sentry.init>[0]>["dataCollection"];

/** Starts error reporting; without SENTRY_DSN, Sentry stays off and sends nothing. */
export function initErrorReporting(): void {
  const { sentryDsn, nodeEnv } = getConfig();
  if (sentryDsn) Sentry.init({ dsn: sentryDsn, environment: nodeEnv, dataCollection: PRIVATE_DATA });
}

export { currentRequest, withRequestContext, type RequestContext } from "./request-context";

/** Prometheus metrics: the recorders every later module calls, and the registry's text for the listener. */
export { metrics, metricsText } from "./metrics";
/** A request path as a bounded `route` label. */
export { routeTemplate, type RouteParams } from "./route-template";
