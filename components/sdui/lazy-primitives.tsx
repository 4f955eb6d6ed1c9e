import { use, type ComponentType } from "react";
import { matchRoute, walkNodes, type Blueprint, type Node, type NodeOf, type PrimitiveType } from "@/lib/sdui/client";

// The primitives most pages never show (tables, forms, dialogs…) are modules of their own that the
// runtime fetches when a page needs them: a page of headings, text and components downloads none of
// their code. The page about to render is preloaded first (runtime-entry.tsx), so it does not flash;
// a primitive reached otherwise (another page) suspends until its module arrives.

/** The primitives whose code is loaded on first use. */
export const LAZY_TYPES = ["button", "form", "image", "list", "modal", "stat", "table", "tabs"] as const satisfies readonly PrimitiveType[];
export type LazyType = (typeof LAZY_TYPES)[number];
type View = ComponentType<{ node: Node }>;

/** How each lazy primitive's module is fetched (primitive-loaders.ts). */
export type PrimitiveLoaders = { [T in LazyType]: () => Promise<ComponentType<{ node: NodeOf<T> }>> };

// Installed by the entry that bundles the modules, not imported here: the primitives import node-view,
// which imports this file, and a module whose code names its importers' URLs and is named in theirs
// could never be stored content-addressed (lib/bundler/build-runtime.ts).
let loaders: PrimitiveLoaders | undefined;

/** Sets where lazy primitives come from; the runtime's and the render check's entries call it first. */
export function installPrimitiveLoaders(installed: PrimitiveLoaders): void {
  loaders = installed;
}

const loaded = new Map<LazyType, View>();
const loading = new Map<LazyType, Promise<View>>();

export function isLazyType(type: string): type is LazyType {
  return (LAZY_TYPES as readonly string[]).includes(type);
}

function load(type: LazyType): Promise<View> {
  let pending = loading.get(type);
  if (!pending) {
    if (!loaders) return Promise.reject(new Error("the runtime's primitive loaders are not installed"));
    pending = (loaders[type]() as Promise<View>).then((view) => {
      loaded.set(type, view);
      return view;
    });
    // A failed fetch (a network blip) may be retried by the next render.
    pending.catch(() => loading.delete(type));
    loading.set(type, pending);
  }
  return pending;
}

/** Loads the modules of the given node types; never rejects (a missing one suspends, then errors, where it renders). */
export async function preloadPrimitives(types: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(types)].filter(isLazyType).map((type) => load(type).catch(() => undefined)));
}

function typesOf(root: Node): string[] {
  const types: string[] = [];
  walkNodes(root, [], (node) => types.push(node.type));
  return types;
}

/** Loads what the page at `pathname` shows before it renders, so the first page does not flash; other pages load theirs when visited. */
export async function preloadForPath(blueprint: Blueprint, pathname: string): Promise<void> {
  const pageId = matchRoute(blueprint.routes, pathname)?.page;
  const page = pageId === undefined ? undefined : blueprint.pages[pageId];
  await preloadPrimitives(page ? typesOf(page.body) : []);
}

/** Renders a lazy primitive: at once when its module is here, else after it arrives (the caller's Suspense shows meanwhile). */
export function LazyPrimitive({ type, node }: { type: LazyType; node: Node }) {
  const View = loaded.get(type) ?? use(load(type));
  return <View node={node} />;
}
