import { EventEmitter, on } from "node:events";
import type { ProjectScope } from "@/lib/auth";
import { log as rootLog } from "@/lib/log";
import { publish, subscribe, withLocalLock } from "@/lib/coordination";
import { onWorkspaceWrite, type WorkspaceWrite } from "@/lib/workspace";
import { putArtifact } from "./artifacts";
import { BuildError, type BuildDiagnostic } from "./build-error";
import { COMPONENT_FILE } from "./build-component";
import { compileComponent, componentsReading } from "./component-contexts";
import { headFiles } from "./head-files";
import { MISSING_PACKAGE } from "./workspace-plugin";

/** A component rebuilt from an edit before its commit: its new bundle's URL on the app's origin, or why it failed. */
export type ComponentEvent = { event: "component"; data: { name: string; url: string } | { name: string; errors: BuildDiagnostic[] } };

// Per project: each hot build as it is stored (or fails), for the preview streams of that project only,
// on whichever node they are open (the bundle is on shared storage; that node serves it from then on).
const announced = new EventEmitter().setMaxListeners(0);
type Announcement = { projectId: string; hash?: string; event: ComponentEvent };

subscribe("bundler.component", (data, origin) => {
  const { projectId, hash, event } = data as Announcement;
  if (origin === "remote" && hash) rememberHotBundle(projectId, hash);
  announced.emit(projectId, event);
});

/** Every hot component build of the project from now on, until `signal` aborts. */
export function watchComponentEvents(projectId: string, signal: AbortSignal): AsyncGenerator<ComponentEvent> {
  const events = on(announced, projectId, { signal });
  return (async function* () {
    try {
      for await (const [event] of events) yield event as ComponentEvent;
    } catch (err) {
      if (!(err instanceof Error && err.name === "AbortError")) throw err;
    }
  })();
}

// Files in a folder of the app's own source can be swapped into a running page. Files at the root
// (app.json, package.json, tsconfig.json) reshape the whole app, and functions/ and db/ run on the
// server: their changes reload the preview once committed.
function isSwappable(path: string): boolean {
  return path.includes("/") && !path.startsWith("functions/") && !path.startsWith("db/");
}

// A hot bundle is fetched by the preview before the commit's build registers it as an MfeVersion, so the
// app's origin serves a project's recent hot bundles from here (readAppAsset); each project's newest few,
// for the most recently edited projects. Every node hears of the others' hot bundles (see above).
const HOT_BUNDLES_PER_PROJECT = 32;
const HOT_PROJECTS = 1_000;
const hotBundles = new Map<string, string[]>();

function rememberHotBundle(projectId: string, hash: string): void {
  const kept = hotBundles.get(projectId) ?? [];
  hotBundles.delete(projectId);
  hotBundles.set(projectId, [hash, ...kept.filter((h) => h !== hash)].slice(0, HOT_BUNDLES_PER_PROJECT));
  if (hotBundles.size > HOT_PROJECTS) hotBundles.delete(hotBundles.keys().next().value ?? projectId);
}

/** Whether `hash` is one of the project's own recent hot bundles (not yet in the registry). */
export function isHotBundle(projectId: string, hash: string): boolean {
  return hotBundles.get(projectId)?.includes(hash) ?? false;
}

// Every viewer's stream holds each event until it is read: what a failed build tells them is bounded
// (and fits one message between nodes).
const MAX_EVENT_ERRORS = 10;
const MAX_ERROR_CHARS = 200;

async function swapOne(scope: ProjectScope, name: string, files: Set<string>): Promise<{ ok: boolean; inputs: string[] }> {
  try {
    const { bundle, inputs } = await compileComponent(scope, name, files);
    const artifact = await putArtifact("mfe", "js", bundle);
    rememberHotBundle(scope.projectId, artifact.hash);
    const event: ComponentEvent = { event: "component", data: { name, url: `/_myco/a/${artifact.key}` } };
    publish("bundler.component", { projectId: scope.projectId, hash: artifact.hash, event } satisfies Announcement);
    return { ok: true, inputs };
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    // A package the component lacks is added by the commit's build (a member's), which then reloads.
    if (!err.diagnostics.some((d) => MISSING_PACKAGE.test(d.message))) {
      const errors = err.diagnostics.slice(0, MAX_EVENT_ERRORS).map((d) => ({ ...d, message: d.message.slice(0, MAX_ERROR_CHARS) }));
      publish("bundler.component", { projectId: scope.projectId, event: { event: "component", data: { name, errors } } } satisfies Announcement);
    }
    return { ok: false, inputs: [] };
  }
}

/**
 * Rebuilds, from the files just written (before their commit), every component whose last build read
 * one of them or whose entry it is, stores each bundle and announces it to the project's preview
 * streams. True when every written file was swapped in this way: then the commit needs no reload.
 */
export async function hotSwapComponents(scope: ProjectScope, write: WorkspaceWrite): Promise<boolean> {
  if (write.removed.length > 0 || !write.written.every(isSwappable)) return false;
  const entries = write.written.flatMap((path) => COMPONENT_FILE.exec(path)?.[1] ?? []);
  const names = new Set([...entries, ...write.written.flatMap((path) => componentsReading(scope.projectId, path))]);
  if (names.size === 0) return false;
  // One hot swap of a project at a time, in write order, so that the last announced is the newest.
  return withLocalLock(`${scope.projectId}:hot`, async () => {
    const files = new Set([...(await headFiles(scope)), ...write.written]);
    // A component deleted since its last build has nothing left to swap.
    const present = [...names].filter((name) => files.has(`components/${name}.tsx`));
    const results = await Promise.all(present.map((name) => swapOne(scope, name, files)));
    const read = new Set(results.flatMap((r) => r.inputs));
    return results.length > 0 && results.every((r) => r.ok) && write.written.every((path) => read.has(path));
  });
}

onWorkspaceWrite((scope, write) =>
  hotSwapComponents(scope, write).catch((err: unknown) => {
    rootLog.error("bundler.hot_swap_failed", { projectId: scope.projectId }, err);
    return false;
  }),
);
