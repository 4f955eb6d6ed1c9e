import * as esbuild from "esbuild";
import type { TenantScope } from "@/lib/auth";
import { withLocalLock } from "@/lib/coordination";
import { SHARED_MODULES } from "./build-runtime";
import { asBuildError, assertEntry, bundleOf, jailedOptions, type EntryOptions, type JailedOptions } from "./compile-workspace";
import { installedHash } from "./install-dependencies";
import { tenantTsconfig } from "./tenant-tsconfig";
import { timedRebuild } from "./timed-build";

// A kept context holds, in esbuild's memory, the parsed files of its component and of every package
// it bundles in: a few MB for a plain component, tens with a UI kit. 32 keeps warm the components of
// the projects being edited at once on one node while capping that memory; past it, the least recently
// built goes, and its next build is a fresh one (as every build was before contexts), never a wrong one.
export const MAX_LIVE_CONTEXTS = 32;
// One project (a tenant with dozens of components importing large packages) may hold only a share of
// them: it neither fills the memory nor pushes every other project's contexts out.
export const MAX_CONTEXTS_PER_PROJECT = 8;
// A component nobody has built for this long belongs to a project no one is editing.
const IDLE_DISPOSE_MS = 10 * 60_000;

const COMPONENT_OPTIONS: EntryOptions = {
  format: "esm", platform: "browser", jsx: "automatic", external: [...SHARED_MODULES], define: { "process.env.NODE_ENV": '"production"' },
};

type Kept = {
  projectId: string;
  context: esbuild.BuildContext<JailedOptions>;
  /** The workspace paths its jail resolves against, replaced in place before each rebuild. */
  files: Set<string>;
  /** What the context was made for: the installed packages and the tenant tsconfig. */
  stamp: string;
  /** The workspace files its last successful build read (its entry before one succeeded). */
  inputs: Set<string>;
  idle: NodeJS.Timeout | undefined;
};

// Insertion order is recency: a use moves the context to the end, eviction takes from the front.
const kept = new Map<string, Kept>();
const counts = { created: 0, rebuilds: 0, disposed: 0 };

const keyOf = (projectId: string, name: string) => `${projectId}:mfe:${name}`;

function dispose(key: string, entry: Kept): void {
  if (kept.get(key) !== entry) return;
  kept.delete(key);
  clearTimeout(entry.idle);
  counts.disposed++;
  // Behind the component's lock: a rebuild running on it finishes first.
  void withLocalLock(key, () => entry.context.dispose());
}

// New packages or another tsconfig change what every import means: such a context is made afresh.
async function stampOf(scope: TenantScope, files: ReadonlySet<string>): Promise<string> {
  return `${await installedHash(scope)}\n${JSON.stringify(await tenantTsconfig(scope, files))}`;
}

async function keptContext(scope: TenantScope, name: string, files: ReadonlySet<string>): Promise<Kept> {
  const key = keyOf(scope.projectId, name);
  const stamp = await stampOf(scope, files);
  const found = kept.get(key);
  if (found?.stamp === stamp) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  if (found) dispose(key, found);
  const entry = `components/${name}.tsx`;
  const own = new Set(files);
  const context = await esbuild.context(await jailedOptions(scope, entry, "components", COMPONENT_OPTIONS, own));
  const made: Kept = { projectId: scope.projectId, context, files: own, stamp, inputs: new Set([entry]), idle: undefined };
  counts.created++;
  kept.set(key, made);
  let ofProject = [...kept.values()].filter((k) => k.projectId === scope.projectId).length;
  for (const [oldKey, old] of kept) {
    if (ofProject <= MAX_CONTEXTS_PER_PROJECT) break;
    if (old.projectId !== scope.projectId) continue;
    dispose(oldKey, old);
    ofProject--;
  }
  for (const [oldKey, old] of kept) {
    if (kept.size <= MAX_LIVE_CONTEXTS) break;
    dispose(oldKey, old);
  }
  return made;
}

/** A component's bundle and the workspace files it read. */
export type ComponentBundle = { bundle: Uint8Array; inputs: string[] };

/**
 * Bundles components/<name>.tsx with the project's kept esbuild context (made on first use, with the
 * same jail as a fresh build), reading `files` (the workspace's paths) as they are on disk now. Builds
 * of one component run one at a time; a failed build is a BuildError, a missing entry not_found.
 */
export function compileComponent(scope: TenantScope, name: string, files: ReadonlySet<string>): Promise<ComponentBundle> {
  const key = keyOf(scope.projectId, name);
  return withLocalLock(key, async () => {
    assertEntry(files, `components/${name}.tsx`, "components");
    const held = await keptContext(scope, name, files);
    held.files.clear();
    for (const file of files) held.files.add(file);
    clearTimeout(held.idle);
    held.idle = setTimeout(() => dispose(key, held), IDLE_DISPOSE_MS).unref();
    counts.rebuilds++;
    const result = await timedRebuild("component", held.context).catch((err: unknown) => {
      throw asBuildError(err);
    });
    const inputs = Object.keys(result.metafile.inputs).flatMap((input) => (input.startsWith("workspace:") ? [input.slice("workspace:".length)] : []));
    held.inputs = new Set(inputs);
    return { bundle: bundleOf(result), inputs };
  });
}

/** The project's components whose last build read `path`, as far as this process's kept contexts know. */
export function componentsReading(projectId: string, path: string): string[] {
  const prefix = keyOf(projectId, "");
  return [...kept].flatMap(([key, entry]) => (entry.projectId === projectId && entry.inputs.has(path) ? [key.slice(prefix.length)] : []));
}

/** For operators and tests: live contexts now, and contexts made, rebuilds run and contexts disposed so far. */
export function componentContextStats(): { live: number; created: number; rebuilds: number; disposed: number } {
  return { live: kept.size, ...counts };
}
