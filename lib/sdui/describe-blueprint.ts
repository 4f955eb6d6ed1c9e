import type { Blueprint } from "./schema-blueprint";
import type { Node } from "./schema-nodes";
import type { Action } from "./schema-parts";
import { walkNodes } from "./walk-nodes";

function actionsOf(node: Node): Action[] {
  switch (node.type) {
    case "button":
      return node.onClick;
    case "form":
      return node.onSubmit;
    case "table":
      return (node.rowActions ?? []).flatMap((r) => r.actions ?? []);
    default:
      return [];
  }
}

// Every function a node fetches: its data, a form's data and pickers, a table's filter choices.
function boundOf(node: Node): string[] {
  switch (node.type) {
    case "table":
      return [node.data.function, ...(node.filters ?? []).flatMap((f) => (f.optionsFrom ? [f.optionsFrom.function] : []))];
    case "list":
      return [node.data.function];
    case "stat":
      return node.data ? [node.data.function] : [];
    case "form":
      return [...(node.data ? [node.data.function] : []), ...node.fields.flatMap((f) => (f.optionsFrom ? [f.optionsFrom.function] : []))];
    default:
      return [];
  }
}

function functionsOf(node: Node): string[] {
  const bound = boundOf(node);
  const called = actionsOf(node).flatMap((a) => (a.action === "call" ? [a.function] : []));
  return [...bound, ...called];
}

function eachNode(blueprint: Blueprint, visit: (node: Node, pageId: string) => void): void {
  for (const [pageId, page] of Object.entries(blueprint.pages)) walkNodes(page.body, [], (node) => visit(node, pageId));
}

/** The functions a blueprint fetches or calls, sorted. */
export function listFunctions(blueprint: Blueprint): string[] {
  const names = new Set<string>();
  eachNode(blueprint, (node) => functionsOf(node).forEach((f) => names.add(f)));
  return [...names].sort();
}

/**
 * The micro-frontends a blueprint places, sorted: what the hosted page must list in its boot manifest.
 * Given a page id, only those on that page (its modals and tabs included): what the page preloads.
 */
export function listComponents(blueprint: Blueprint, pageId?: string): string[] {
  const names = new Set<string>();
  eachNode(blueprint, (node, on) => (pageId === undefined || on === pageId) && node.type === "component" && names.add(node.name));
  return [...names].sort();
}

/** A few lines an agent can read instead of the whole app.json: routes, pages and what they hold. */
export function describeBlueprint(blueprint: Blueprint): string {
  const lines = [`App "${blueprint.name}" (blueprint v${blueprint.version})`, "Routes:"];
  for (const route of blueprint.routes) lines.push(`  ${route.path} -> ${route.page}`);
  lines.push("Pages:");
  for (const [pageId, page] of Object.entries(blueprint.pages)) {
    const counts = new Map<string, number>();
    walkNodes(page.body, [], (node) => counts.set(node.type, (counts.get(node.type) ?? 0) + 1));
    const types = [...counts].map(([type, n]) => (n > 1 ? `${type} x${n}` : type)).join(", ");
    lines.push(`  ${pageId} "${page.title}": ${types}`);
  }
  const functions = listFunctions(blueprint);
  const components = listComponents(blueprint);
  lines.push(`Functions used: ${functions.length ? functions.join(", ") : "none"}`);
  lines.push(`Components used: ${components.length ? components.join(", ") : "none"}`);
  return lines.join("\n");
}
