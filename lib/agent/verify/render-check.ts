// The app check's server render: components/sdui/render-check-entry.tsx, bundled for Node, renders every
// page in a child process (no environment, a heap cap and a deadline, so a pathological blueprint costs
// only that process) and asks this one for the answers of the GETs its pages make, run as the app's own
// calls within a budget of calls and bytes, so a check never holds more than a few MB of answers here.
import { fork } from "node:child_process";
import path from "node:path";
import type { ProjectScope } from "@/lib/auth";
import { buildNodeScript } from "@/lib/bundler";
import type { Logger } from "@/lib/log";
import type { Blueprint } from "@/lib/sdui";
import { failureOf, getFromApp } from "./app-get";

/** The whole check, GETs included: past it the child is killed and the check says so. */
const DEADLINE_MS = 60_000;
const MAX_HEAP_MB = 256;
/** GETs answered per check at most: a table of many rows has a dialog (and its GETs) per row. */
const MAX_GETS = 40;
/** Bytes of answers (as JSON) per check at most; a larger answer is reported as too large. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
const MAX_PROBLEM_CHARS = 300;

type Answer = { ok: true; data: unknown } | { ok: false; message: string };
type FromChild = { type: "fetch"; urls: string[] } | { type: "done"; problems: string[] };

const ENTRY = path.join(/*turbopackIgnore: true*/ process.cwd(), "components/sdui/render-check-entry.tsx");

/**
 * Renders each page of `blueprint` as a visitor would first see it, with the app's real data, dialogs
 * open: "page /contacts/3 threw while rendering: …" or "… shows an error in node "deals-table": …" per
 * problem (each at most 300 characters); empty when every page renders clean.
 */
export async function renderCheck(scope: ProjectScope, blueprint: Blueprint, components: Record<string, string>, log: Logger): Promise<string[]> {
  const script = await buildNodeScript(ENTRY);
  return new Promise((resolve) => {
    const child = fork(script, [], { env: { NODE_ENV: "production" }, execArgv: [`--max-old-space-size=${MAX_HEAP_MB}`], stdio: ["ignore", "ignore", "ignore", "ipc"] });
    let settled = false;
    let gets = 0;
    let bytes = 0;
    const finish = (problems: string[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve(problems.map((p) => (p.length > MAX_PROBLEM_CHARS ? `${p.slice(0, MAX_PROBLEM_CHARS - 1)}…` : p)));
    };
    const timer = setTimeout(() => finish([`rendering the pages did not finish in ${DEADLINE_MS / 1000} s; simplify the blueprint or make its functions answer faster`]), DEADLINE_MS);
    // Past the budget a URL stays unanswered, so its node renders as loading and is not judged.
    const answerOne = async (url: string): Promise<Answer | null> => {
      if (gets >= MAX_GETS) return null;
      gets += 1;
      const got = await getFromApp(scope, url, log).catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : "the request failed" }));
      const failure = failureOf(got);
      if (failure !== null || !got.ok) return { ok: false, message: failure ?? "the request failed" };
      bytes += JSON.stringify(got.body)?.length ?? 0;
      return bytes > MAX_ANSWER_BYTES ? { ok: false, message: `${url} answered more than the app check reads (${MAX_ANSWER_BYTES} bytes)` } : { ok: true, data: got.body };
    };
    const answer = async (urls: string[]) => {
      const answers: Record<string, Answer> = {};
      for (const url of urls) {
        if (settled) return;
        const one = await answerOne(url);
        if (one) answers[url] = one;
      }
      if (!settled && child.connected) child.send({ type: "answers", answers });
    };
    child.on("message", (message: FromChild) => {
      if (message.type === "done") return finish(message.problems);
      answer(message.urls).catch((err: unknown) => finish([`the page render check failed: ${err instanceof Error ? err.message : String(err)}`]));
    });
    child.on("error", (err) => finish([`the page render check could not run: ${err.message}`]));
    child.once("exit", (code, signal) => setImmediate(() => finish([`the page render check stopped (${signal ?? `exit ${code}`}) without an answer`])));
    child.send({ type: "start", blueprint, env: "dev", components });
  });
}
