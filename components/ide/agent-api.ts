import type { ErrorBody } from "@/lib/errors";
import { api, apiUrl, type ApiBody, type ApiResult } from "@/components/ui/api-client";
import type { UndoPlan, UndoneRun } from "@/lib/agent";
import type { RunPage } from "./agent-types";

/** A page of runs, newest first; `cursor` is the previous page's `nextCursor`. */
export function listRuns(projectId: string, cursor: string | null, limit = 20): Promise<ApiResult<RunPage>> {
  return api("GET", "/api/projects/{projectId}/agent/runs", { params: { projectId }, query: { limit, cursor: cursor ?? undefined } });
}

/** Asks the server to stop a run; `stopped` is false when it had already finished. */
export function stopRun(projectId: string, runId: string): Promise<ApiResult<{ stopped: boolean }>> {
  return api("POST", "/api/projects/{projectId}/agent/runs/{runId}/stop", { params: { projectId, runId } });
}

/** Opens a run's event stream (what it streamed so far, then live); null when it cannot be watched. */
export async function watchRun(projectId: string, runId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array> | null> {
  const res = await fetch(apiUrl("GET", "/api/projects/{projectId}/agent/runs/{runId}/events", { params: { projectId, runId } }), {
    headers: { accept: "text/event-stream" },
    signal,
  });
  return res.ok && res.body ? res.body : null;
}

/** What undoing the run would revert (its commits, later runs and edits, files, the dev database). */
export function planUndo(projectId: string, runId: string): Promise<ApiResult<UndoPlan>> {
  return api("GET", "/api/projects/{projectId}/agent/runs/{runId}/undo", { params: { projectId, runId } });
}

/** Restores the workspace to before the run, as a new commit, if it is still as `plan` saw it (else 409). */
export function undoRun(projectId: string, plan: UndoPlan): Promise<ApiResult<UndoneRun>> {
  return api("POST", "/api/projects/{projectId}/agent/runs/{runId}/undo", { params: { projectId, runId: plan.runId }, body: { expectedHead: plan.head } });
}

/** Hands an error the preview's runtime reported to the agent (read_preview_errors). Never throws. */
export function reportPreviewError(projectId: string, error: ApiBody<"/api/projects/{projectId}/agent/preview-errors", "POST">): void {
  void fetch(apiUrl("POST", "/api/projects/{projectId}/agent/preview-errors", { params: { projectId } }), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(error),
    keepalive: true,
  }).catch(() => undefined); // best effort: the preview works the same without it
}

/** Why a run could not start, with the field at fault (400) or the wait (429). */
export type StartRunError = { status: number; code: string; message: string; field?: string | undefined };

/** Starts a run: the stream's body, or why it was refused before the stream began. */
export async function startRun(
  projectId: string,
  prompt: string,
  signal: AbortSignal,
): Promise<{ ok: true; body: ReadableStream<Uint8Array> } | { ok: false; error: StartRunError }> {
  const body: ApiBody<"/api/projects/{projectId}/agent/runs", "POST"> = { prompt };
  const res = await fetch(apiUrl("POST", "/api/projects/{projectId}/agent/runs", { params: { projectId } }), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (res.ok && res.body) return { ok: true, body: res.body };
  const payload = (await res.json().catch(() => null)) as ErrorBody | null;
  const error = payload?.error;
  return { ok: false, error: { status: res.status, ...startErrorText(res, error) } };
}

function startErrorText(res: Response, error: ErrorBody["error"] | undefined): Omit<StartRunError, "status"> {
  const code = error?.code ?? "internal";
  // A spent monthly budget says which budget and when it resets; a wait of weeks is not "too many runs".
  if (res.status === 429 && error?.field === "budget") return { code, field: "budget", message: error.message };
  if (res.status === 429) {
    const seconds = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
    const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : 60;
    return { code, message: `Too many runs, try again in ${wait} s.` };
  }
  if (res.status === 409) return { code, message: error?.message ?? "A run is already in progress on this project." };
  if (res.status === 403) return { code, message: "You can view this project's runs but not start one." };
  const field = error?.field;
  const message = error?.message ?? `The run could not start (${res.status}).`;
  // Field errors read "prompt: must be …"; under the prompt box the field name is noise.
  return { code, field, message: field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message };
}
