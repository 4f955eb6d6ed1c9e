import type { Node } from "./schema-nodes";

type Path = (string | number)[];

/** Where a node's children sit in its JSON, for error paths. */
function childEntries(node: Node): { node: Node; path: Path }[] {
  switch (node.type) {
    case "stack":
    case "grid":
    case "card":
    case "modal":
      return node.children.map((child, i) => ({ node: child, path: ["children", i] }));
    case "tabs":
      return node.tabs.flatMap((tab, t) => tab.children.map((child, i) => ({ node: child, path: ["tabs", t, "children", i] })));
    default:
      return [];
  }
}

/** Visits a node tree depth-first, parents first, with each node's JSON path and whether a modal encloses it. */
export function walkNodes(root: Node, rootPath: Path, visit: (node: Node, path: Path, inModal: boolean) => void, inModal = false): void {
  visit(root, rootPath, inModal);
  const childInModal = inModal || root.type === "modal";
  for (const child of childEntries(root)) walkNodes(child.node, [...rootPath, ...child.path], visit, childInModal);
}
