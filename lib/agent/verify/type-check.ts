// TypeScript over a project's functions and components, in a forked process (type-check-runner.mjs)
// with a deadline and a memory cap, so a tenant's pathological types cost only that process.
import { fork } from "node:child_process";
import path from "node:path";
import type { ProjectScope } from "@/lib/auth";
import { COMPONENT_FILE, FUNCTION_FILE } from "@/lib/bundler";
import { listFiles, readFile } from "@/lib/workspace";

const DEADLINE_MS = 30_000;
const MAX_HEAP_MB = 512;
const SOURCE = /^(?:functions|components|lib)\/.*\.tsx?$/;

function runChecker(sources: Record<string, string>, roots: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    const child = fork(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/agent/verify/type-check-runner.mjs"), [], {
      execArgv: [`--max-old-space-size=${MAX_HEAP_MB}`],
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve([`the type check did not finish in ${DEADLINE_MS / 1000} s; simplify the types of functions/ and components/`]);
    }, DEADLINE_MS);
    child.once("message", (reply: { problems?: string[]; error?: string }) => {
      clearTimeout(timer);
      resolve(reply.problems ?? [`the type check failed: ${reply.error ?? "no answer"}`]);
    });
    // After any reply already sent: a crash without one (out of memory) is a problem to report.
    child.once("exit", (code, signal) => setImmediate(() => {
      clearTimeout(timer);
      resolve([`the type check stopped (${signal ?? `exit ${code}`}) without an answer; it may have run out of memory on the project's types`]);
    }));
    child.send({ sources, roots });
  });
}

/** TypeScript's errors in the project's functions and components, as "functions/x.ts:12:5 error TS2322: …". */
export async function typeCheck(scope: ProjectScope): Promise<string[]> {
  const paths = (await listFiles(scope)).map((f) => f.path).filter((p) => SOURCE.test(p));
  const roots = paths.filter((p) => FUNCTION_FILE.test(p) || COMPONENT_FILE.test(p));
  if (roots.length === 0) return [];
  const sources: Record<string, string> = {};
  for (const p of paths) {
    const file = await readFile(scope, p);
    if (file.encoding === "utf8") sources[p] = file.content;
  }
  return runChecker(sources, roots);
}
