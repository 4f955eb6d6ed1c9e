import type { AgentStreamEvent, RunDisplay, RunItem, RunStatus, RunView, StopReason } from "./agent-types";

/** A run just submitted, before the server has named it. */
export function pendingRun(key: string, prompt: string): RunDisplay {
  return {
    key, id: null, prompt, status: "running", reason: null, summary: null, provider: null, model: null,
    commitSha: null, filesChanged: [], usage: { promptTokens: 0, completionTokens: 0 },
    startedAt: new Date().toISOString(), finishedAt: null, undoneAt: null, items: [], error: null, isStreamComplete: false,
  };
}

/** The status the server will record for a stop reason; the list refresh that follows a run confirms it. */
export function statusOf(reason: StopReason): RunStatus {
  if (reason === "completed") return "succeeded";
  if (reason === "aborted") return "stopped";
  return "failed";
}

// The agent loop reports a failed tool call to the model as "Error: …"; history keeps only that text.
const isFailedResult = (content: string) => content.startsWith("Error:");

/** A stored run's transcript: assistant text and tool calls, each with the result that answered it. */
export function itemsOf(view: RunView): RunItem[] {
  const items: RunItem[] = [];
  for (const m of view.messages) {
    if (m.role === "assistant") {
      if (m.content) items.push({ kind: "text", text: m.content });
      for (const c of m.toolCalls ?? []) items.push({ kind: "tool", ...c, ok: null, result: null, files: [] });
    }
    if (m.role === "tool" && m.toolCallId) {
      const index = items.findIndex((i) => i.kind === "tool" && i.id === m.toolCallId);
      const call = items[index];
      if (call?.kind === "tool") items[index] = { ...call, ok: !isFailedResult(m.content), result: m.content };
    }
  }
  return items;
}

/** A stored run as the chat shows it. */
export function fromRunView(view: RunView): RunDisplay {
  const { messages: _messages, baseSha: _baseSha, ...rest } = view;
  return { ...rest, key: view.id, items: itemsOf(view), error: null, isStreamComplete: false };
}

/**
 * The server's word on a run shown here: its status and outcome win, but a transcript streamed to
 * completion here is kept (it knows which files each call changed), as is one still being written.
 */
export function mergeRunView(local: RunDisplay, view: RunView): RunDisplay {
  const fresh = fromRunView(view);
  const keepItems = local.isStreamComplete || view.status === "running";
  return { ...fresh, key: local.key, items: keepItems ? local.items : fresh.items, error: local.error, isStreamComplete: local.isStreamComplete };
}

function appendText(items: RunItem[], delta: string): RunItem[] {
  const last = items.at(-1);
  if (last?.kind === "text") return [...items.slice(0, -1), { kind: "text", text: last.text + delta }];
  return [...items, { kind: "text", text: delta }];
}

/** Drops the text streamed since the last tool call: the step that produced it runs again. */
function dropStepText(items: RunItem[]): RunItem[] {
  let end = items.length;
  while (end > 0 && items[end - 1]?.kind === "text") end -= 1;
  return items.slice(0, end);
}

/** Folds one stream event into the run it belongs to. */
export function applyStreamEvent(run: RunDisplay, e: AgentStreamEvent): RunDisplay {
  switch (e.event) {
    case "run":
      return { ...run, id: e.data.id, provider: e.data.provider, model: e.data.model, startedAt: e.data.startedAt };
    case "text":
      return { ...run, items: appendText(run.items, String(e.data.delta ?? "")) };
    case "step_retry":
      return { ...run, items: dropStepText(run.items) };
    case "tool_call":
      return { ...run, items: [...run.items, { kind: "tool", ...e.data, ok: null, result: null, files: [] }] };
    case "tool_result":
      return {
        ...run,
        items: run.items.map((i) =>
          i.kind === "tool" && i.id === e.data.id ? { ...i, ok: e.data.ok, result: e.data.result, files: e.data.files ?? [] } : i,
        ),
      };
    case "usage":
      return {
        ...run,
        provider: e.data.provider || run.provider,
        usage: {
          promptTokens: run.usage.promptTokens + e.data.promptTokens,
          completionTokens: run.usage.completionTokens + e.data.completionTokens,
        },
      };
    case "done":
      return {
        ...run, status: statusOf(e.data.reason), reason: e.data.reason, summary: e.data.summary, commitSha: e.data.commitSha,
        filesChanged: e.data.filesChanged ?? [], usage: e.data.usage ?? run.usage, finishedAt: new Date().toISOString(), isStreamComplete: true,
      };
    case "error":
      return { ...run, error: { code: e.data.code, message: e.data.message } };
  }
}

/** A run whose stream ended without `done` (stopped, or the connection dropped): no longer running here. */
export function endWithoutDone(run: RunDisplay, wasStopped: boolean): RunDisplay {
  if (run.status !== "running") return run;
  return { ...run, status: wasStopped ? "stopped" : "failed", reason: wasStopped ? "aborted" : (run.reason ?? "error"), finishedAt: new Date().toISOString() };
}
