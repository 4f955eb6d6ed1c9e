// What the builder's preview iframe reported, kept in memory on every node (each report and clear is
// told to the others): errors are short-lived hints for the agent, not records, so a restarted node
// simply starts without them. The preview may report through one node while the run goes on another.
import { z } from "zod";
import { processWide } from "@/lib/config";
import { publish, subscribe } from "@/lib/coordination";

/** Errors kept per project (the newest), how long each is kept, and how many projects are tracked. */
const MAX_PER_PROJECT = 20;
const TTL_MS = 10 * 60_000;
const MAX_PROJECTS = 1_000;

/** One error the preview reported: what went wrong, and where in the app if it knows. */
export const PreviewErrorInput = z.strictObject({
  message: z.string().trim().min(1).max(2_000),
  component: z.string().max(100).optional(),
  nodeId: z.string().max(200).optional(),
});
export type PreviewErrorInput = z.infer<typeof PreviewErrorInput>;

/** A stored preview error with the time it was (last) reported, as an ISO string. */
export type PreviewError = PreviewErrorInput & { at: string };

type Stored = PreviewErrorInput & { atMs: number };
const byProject = processWide("agent.previewErrors", () => new Map<string, Stored[]>());

type Message = { projectId: string; error: PreviewErrorInput | null; atMs: number };

const sameError = (a: PreviewErrorInput, b: PreviewErrorInput) =>
  a.message === b.message && a.component === b.component && a.nodeId === b.nodeId;

function fresh(projectId: string, now: number): Stored[] {
  const kept = (byProject.get(projectId) ?? []).filter((e) => now - e.atMs < TTL_MS);
  if (kept.length > 0) byProject.set(projectId, kept);
  else byProject.delete(projectId);
  return kept;
}

function keep(projectId: string, input: PreviewErrorInput, now: number): void {
  const kept = fresh(projectId, now).filter((e) => !sameError(e, input));
  kept.push({ ...input, atMs: now });
  byProject.delete(projectId); // re-inserted last: the Map's order is least recently reported first
  byProject.set(projectId, kept.slice(-MAX_PER_PROJECT));
  if (byProject.size > MAX_PROJECTS) {
    const oldest = byProject.keys().next().value;
    if (oldest !== undefined) byProject.delete(oldest);
  }
}

subscribe("agent.preview_error", (data) => {
  const { projectId, error, atMs } = data as Message;
  const input = error === null ? null : PreviewErrorInput.safeParse(error);
  if (input === null) byProject.delete(projectId);
  else if (input.success) keep(projectId, input.data, atMs);
});

/** Records an error; a repeat of one already kept replaces it, so a render loop fills no more than one slot. */
export function recordPreviewError(projectId: string, error: PreviewErrorInput): void {
  publish("agent.preview_error", { projectId, error: PreviewErrorInput.parse(error), atMs: Date.now() } satisfies Message);
}

/** The project's recent preview errors, oldest first. */
export function listPreviewErrors(projectId: string): PreviewError[] {
  return fresh(projectId, Date.now()).map(({ atMs, ...rest }) => ({ ...rest, at: new Date(atMs).toISOString() }));
}

/** Forgets the project's preview errors on every node (a run changed the app, so the preview reports afresh). */
export function clearPreviewErrors(projectId: string): void {
  publish("agent.preview_error", { projectId, error: null, atMs: Date.now() } satisfies Message);
}
