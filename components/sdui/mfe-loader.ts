import type { ComponentType } from "react";

/** A loaded micro-frontend: its React component and the CSS it wants in its shadow root. */
export type LoadedMfe = { Component: ComponentType<Record<string, unknown>>; styles: string | undefined };

// One import per URL for the page's lifetime: bundles are content-hashed, so a URL never changes content.
const loads = new Map<string, Promise<LoadedMfe>>();

function toLoaded(name: string, mod: unknown): LoadedMfe {
  const exports = (mod ?? {}) as { default?: unknown; styles?: unknown };
  const component = exports.default;
  // A function component, or an object made by memo()/forwardRef().
  const isComponent = typeof component === "function" || (typeof component === "object" && component !== null && "$$typeof" in component);
  if (!isComponent) throw new Error(`${name} has no default export that is a React component`);
  return { Component: component as ComponentType<Record<string, unknown>>, styles: typeof exports.styles === "string" ? exports.styles : undefined };
}

/** Imports an MFE's ESM bundle once; rejects with a message naming it when it cannot be loaded. */
export function loadMfe(name: string, url: string): Promise<LoadedMfe> {
  let load = loads.get(url);
  if (!load) {
    load = import(/* @vite-ignore */ url).then(
      (mod: unknown) => toLoaded(name, mod),
      (err: unknown) => {
        loads.delete(url); // let a later mount retry, e.g. after a network blip
        throw new Error(`${name} could not be loaded (${err instanceof Error ? err.message : "import failed"})`);
      },
    );
    loads.set(url, load);
  }
  return load;
}

// The bundle last swapped in per component (dev only): an instance mounted later, on another page, starts from it.
const swapped = new Map<string, string>();

/** Loads a component's new bundle; once loaded, it is the one later mounts of `name` use. */
export async function swapMfe(name: string, url: string): Promise<LoadedMfe> {
  const mfe = await loadMfe(name, url);
  swapped.set(name, url);
  return mfe;
}

/** The bundle a new instance of `name` loads: the last swapped in, else the page's own. */
export function currentMfeUrl(name: string, bootUrl: string | undefined): string | undefined {
  return swapped.get(name) ?? bootUrl;
}
