// The rules of primitives loaded on first use come with their modules; the runtime's own stylesheet and the
// theme are in the page's head (lib/sdui/runtime-css.ts, written by lib/bundler/app-shell.ts).

const added = new Set<string>();

/** Adds a lazily loaded primitive's rules after the runtime's own, each once; nothing without a document (the render check). */
export function addStyles(...sheets: string[]): void {
  if (typeof document === "undefined") return;
  for (const css of sheets) {
    if (added.has(css)) continue;
    added.add(css);
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }
}
