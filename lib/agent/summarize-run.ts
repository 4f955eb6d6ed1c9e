import type { StopReason } from "./events";

/** One finished tool call, as the summary counts it. */
export type CallRecord = { name: string; ok: boolean; result: string };

function countByName(records: CallRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ");
}

const REASON_TEXT: Record<StopReason, string> = {
  completed: "Completed",
  declined: "Not done: the request is not something this agent can build",
  unverified: "Not done: the app still fails Myco's checks",
  max_steps: "Stopped: the step budget is spent",
  max_tokens: "Stopped: the token budget is spent",
  repeated_failure: "Stopped: the same tool call kept failing",
  aborted: "Stopped: cancelled",
  error: "Stopped: the model provider failed",
};

/** A one-paragraph account of a run: why it stopped, which tools succeeded and which failed, and what the app check found. */
export function summarizeRun(reason: StopReason, records: CallRecord[], problems: string[] = []): string {
  const succeeded = records.filter((r) => r.ok);
  const failed = records.filter((r) => !r.ok);
  const parts = [`${REASON_TEXT[reason]}.`];
  parts.push(succeeded.length > 0 ? `Succeeded: ${countByName(succeeded)}.` : "No tool call succeeded.");
  const lastFailure = failed.at(-1);
  if (lastFailure) parts.push(`Failed: ${countByName(failed)} (last: ${lastFailure.name}: ${lastFailure.result.slice(0, 200)}).`);
  if (problems.length > 0) parts.push(`The app check found:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  return parts.join(" ");
}
