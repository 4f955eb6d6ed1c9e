import type { Node } from "./schema-nodes";

type Path = (string | number)[];

/** Where a node sits for the checks: inside a modal (a close action works), and inside a row's dialog ({{row}} works). */
export type NodePlace = { inModal: boolean; inRow: boolean };

/** Where a node's children sit in its JSON, for error paths; a row action's dialog holds nodes too. */
function childEntries(node: Node): { node: Node; path: Path; row?: boolean }[] {
  switch (node.type) {
    case "stack":
    case "grid":
    case "card":
    case "modal":
      return node.children.map((child, i) => ({ node: child, path: ["children", i] }));
    case "tabs":
      return node.tabs.flatMap((tab, t) => tab.children.map((child, i) => ({ node: child, path: ["tabs", t, "children", i] })));
    case "table":
      return (node.rowActions ?? []).flatMap((action, a) => (action.modal?.children ?? []).map((child, i) => ({ node: child, path: ["rowActions", a, "modal", "children", i], row: true })));
    default:
      return [];
  }
}

/** Visits a node tree depth-first, parents first, with each node's JSON path and place (in a modal, in a row's dialog). */
export function walkNodes(root: Node, rootPath: Path, visit: (node: Node, path: Path, place: NodePlace) => void, place: NodePlace = { inModal: false, inRow: false }): void {
  visit(root, rootPath, place);
  for (const child of childEntries(root)) {
    const inner = { inModal: place.inModal || root.type === "modal" || child.row === true, inRow: place.inRow || child.row === true };
    walkNodes(child.node, [...rootPath, ...child.path], visit, inner);
  }
}
