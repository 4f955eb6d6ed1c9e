// The worker thread code analysis runs in (started by lib/bundler/analysis-worker.ts): parsing a large
// file takes seconds of CPU, which must never stall the server's event loop, and a file that takes too
// long is stopped by terminating this thread. One request at a time, in order.
import { parentPort } from "node:worker_threads";
import { analyseCode } from "./analyse-code";

type Request = { id: number; files: { path: string; text: string | null }[] };

parentPort?.on("message", (request: Request) => {
  parentPort?.postMessage({ id: request.id, findings: analyseCode(request.files) });
});
