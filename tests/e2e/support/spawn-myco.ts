// A Myco server of a test's own (lib/http/server.mjs on the production build), on a data dir the test
// chooses, so that a test can kill it, copy its data and start it again.
import { spawn, type ChildProcess } from "node:child_process";

export type MycoProcess = { port: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; stop(): Promise<void> };

async function ready(port: number, exited: { done: boolean }): Promise<void> {
  for (let i = 0; i < 240 && !exited.done; i++) {
    const ok = await fetch(`http://localhost:${port}/api/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Myco on port ${port} did not become ready`);
}

/** Starts Myco on `port` with `dataDir`, waits until /api/ready answers 200. */
export async function startMyco(port: number, dataDir: string, env: Record<string, string> = {}): Promise<MycoProcess> {
  const child: ChildProcess = spawn("node", ["--no-node-snapshot", "lib/http/server.mjs"], {
    env: {
      ...process.env, PORT: String(port), MYCO_DATA_DIR: dataDir, MYCO_URL: `http://localhost:${port}`,
      MYCO_APPS_URL: `http://{slug}.apps.localhost:${port}`, LOG_LEVEL: "error", NEXT_TELEMETRY_DISABLED: "1", MYCO_METRICS_PORT: "0", ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const state = { done: false };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      state.done = true;
      resolve({ code, signal });
    }),
  );
  try {
    await ready(port, state);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    port,
    exited,
    async stop() {
      if (!state.done) child.kill("SIGTERM");
      await exited;
    },
  };
}
