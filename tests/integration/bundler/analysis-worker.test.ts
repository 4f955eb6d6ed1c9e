import { describe, expect, it } from "vitest";
import { analyseInWorker } from "@/lib/bundler/analysis-worker";
import { MAX_ANALYSED_BYTES } from "@/lib/security";

/** A function file just under the analyser's limit: thousands of statements, and one eval at the end. */
function bigFile(i: number): { path: string; text: string } {
  const lines: string[] = [];
  for (let size = 0, n = 0; size < MAX_ANALYSED_BYTES - 2048; n++) {
    lines.push(`export const v${i}_${n} = [1, 2, 3].map((x) => x * ${n});\n`);
    size += lines.at(-1)?.length ?? 0;
  }
  return { path: `functions/f${i}.ts`, text: `${lines.join("")}export default () => eval("${i}");\n` };
}

describe("code analysis in its worker thread", () => {
  it("parses megabytes of a tenant's code without stalling the server's event loop", async () => {
    const files = Array.from({ length: 8 }, (_, i) => bigFile(i));
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 10);
    const findings = await analyseInWorker("11111111-1111-4111-8111-111111111111", async () => files, { capped: false });
    clearInterval(ticker);
    expect(findings.map((f) => [f.path, f.rule])).toEqual(files.map((f) => [f.path, "myco/no-eval"]));
    // Parsing 2 MB takes seconds of CPU; the event loop kept ticking all along.
    expect(longestGapMs).toBeLessThan(500);
  }, 120_000);

  it("lets one project ask for two analyses at most while others wait, reading no file before its turn", async () => {
    const files = [bigFile(0)];
    const project = "22222222-2222-4222-8222-222222222222";
    const reads: string[] = [];
    const load = (name: string) => async () => {
      reads.push(name);
      return files;
    };
    const first = analyseInWorker(project, load("first"), { capped: true });
    const second = analyseInWorker(project, load("second"), { capped: true });
    await expect(analyseInWorker(project, load("third"), { capped: true })).rejects.toMatchObject({ code: "rate_limited" });
    // A release or an agent check of the same project is never refused for that.
    const gate = analyseInWorker(project, load("gate"), { capped: false });
    const other = analyseInWorker("33333333-3333-4333-8333-333333333333", async () => [{ path: "functions/ok.ts", text: "export default () => 1;\n" }], { capped: true });
    expect(reads).toEqual(["first"]);
    expect((await Promise.all([first, second, gate])).map((f) => f.length)).toEqual([1, 1, 1]);
    expect(await other).toEqual([]);
    expect(reads).toEqual(["first", "second", "gate"]);
  }, 120_000);
});
