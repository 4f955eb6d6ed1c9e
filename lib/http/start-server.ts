import { ConfigError, getConfig } from "@/lib/config";
import { initErrorReporting, log } from "@/lib/log";
import { getDb } from "@/lib/db";
import { refuseTrace } from "./refuse-trace";

/**
 * Start-up, before the first request: a bad environment stops the process with a message naming each
 * variable; the registry database is opened and migrated so that the first request does not wait.
 */
export async function startServer(): Promise<void> {
  try {
    getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`\nMyco cannot start.\n${err.message}\nSee .env.example for every variable and its default.\n\n`);
    process.exit(1);
  }
  initErrorReporting();
  refuseTrace();
  await getDb();
  const config = getConfig();
  log.info("server.started", { ideUrl: config.ideUrl.origin, database: config.databaseUrl ? "postgresql" : "pglite" });
}
