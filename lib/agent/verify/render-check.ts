// The app check's server render: components/sdui/render-check-entry.tsx, bundled for Node, renders every
// page in a child process (a heap cap and a deadline, so a pathological blueprint costs only that
// process) and asks this one for the answers of the GETs its pages make, run as the app's own calls.
import { fork } from "node:child_process";
import path from "node:path";
import type { ProjectScope } from "@/lib/auth";
import { buildNodeScript } from "@/lib/bundler";
import type { Logger } from "@/lib/log";
import type { Blueprint } from "@/lib/sdui";
import { failureOf, getFromApp } from "./app-get";

const DEADLINE_MS = 20_000;
const MAX_HEAP_MB = 256;
/** GETs answered per check at most: a table of many rows has a dialog (and its GETs) per row. */
const MAX_GETS = 40;

type Answer = { ok: true; data: unknown } | { ok: false; message: string };
type FromChild = { type: "fetch"; urls: string[] } | { type: "done"; problems: string[] };

const ENTRY = path.join(/*turbopackIgnore: true*/ process.cwd(), "components/sdui/render-check-entry.tsx");

/**
 * Renders each page of `blueprint` as a visitor would first see it, with the app's real data, dialogs
 * open: "page /contacts/3 threw while rendering: …" or "… shows an error in node "deals-table": …" per
 * problem; empty when every page renders clean. The deadline counts render time only, not the GETs.
 */
export async function renderCheck(scope: ProjectScope, blueprint: Blueprint, components: Record<string, string>, log: Logger): Promise<string[]> {
  const script = await buildNodeScript(ENTRY);
  return new Promise((resolve) => {
    const child = fork(script, [], {
      execArgv: [`--max-old-space-size=${MAX_HEAP_MB}`],
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    let budget = MAX_GETS;
    let timer: NodeJS.Timeout | undefined;
    const finish = (problems: string[]) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve(problems);
    };
    const waitForChild = () => {
      timer = setTimeout(() => finish([`rendering the pages did not finish in ${DEADLINE_MS / 1000} s; simplify the blueprint`]), DEADLINE_MS);
    };
    child.on("message", (message: FromChild) => {
      clearTimeout(timer);
      if (message.type === "done") return finish(message.problems);
      void answer(message.urls).then((answers) => {
        if (!child.connected) return;
        child.send({ type: "answers", answers });
        waitForChild();
      });
    });
    const answer = async (urls: string[]): Promise<Record<string, Answer>> => {
      const answers: Record<string, Answer> = {};
      for (const url of urls.slice(0, Math.max(0, budget))) {
        budget -= 1;
        const got = await getFromApp(scope, url, log);
        const failure = failureOf(got);
        answers[url] = failure === null && got.ok ? { ok: true, data: got.body } : { ok: false, message: failure ?? "the request failed" };
      }
      return answers;
    };
    child.once("exit", (code, signal) => setImmediate(() => finish([`the page render check stopped (${signal ?? `exit ${code}`}) without an answer`])));
    child.send({ type: "start", blueprint, env: "dev", components });
    waitForChild();
  });
}
