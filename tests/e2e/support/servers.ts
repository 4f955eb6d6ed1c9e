// The Myco servers the e2e suite runs (see playwright.config.ts): one on the embedded defaults with the
// offline agent, one whose agent talks to the scripted model server a test starts on MODEL_SERVER_PORT.
export const PORT = 3100;
export const MODEL_PORT = 3101;
export const MODEL_SERVER_PORT = 3199;
/** The metrics listener of the server on PORT (tests/e2e/metrics.spec.ts scrapes it); the other has none. */
export const METRICS_PORT = 3198;
/** A server with SENTRY_DSN set to a fake ingest that tests/e2e/sentry.spec.ts starts on SENTRY_INGEST_PORT. */
export const SENTRY_PORT = 3102;
export const SENTRY_INGEST_PORT = 3197;
export const SENTRY_DSN = `http://publickey@127.0.0.1:${SENTRY_INGEST_PORT}/1`;
