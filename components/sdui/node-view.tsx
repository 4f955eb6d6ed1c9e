import type { ComponentType } from "react";
import type { Node, NodeOf, PrimitiveType } from "@/lib/sdui";
import { ErrorBoundary } from "./error-boundary";
import { InlineError } from "./inline-error";
import { AlertView } from "./primitives/alert";
import { ButtonView } from "./primitives/button";
import { CardView } from "./primitives/card";
import { ComponentSlot } from "./primitives/component-slot";
import { FormView } from "./primitives/form";
import { GridView } from "./primitives/grid";
import { HeadingView } from "./primitives/heading";
import { ImageView } from "./primitives/image";
import { LinkView } from "./primitives/link";
import { ListView } from "./primitives/list";
import { ModalView } from "./primitives/modal";
import { StackView } from "./primitives/stack";
import { StatView } from "./primitives/stat";
import { TableView } from "./primitives/table";
import { TabsView } from "./primitives/tabs";
import { TextView } from "./primitives/text";

const PRIMITIVES: { [T in PrimitiveType]: ComponentType<{ node: NodeOf<T> }> } = {
  stack: StackView,
  grid: GridView,
  card: CardView,
  heading: HeadingView,
  text: TextView,
  image: ImageView,
  link: LinkView,
  button: ButtonView,
  form: FormView,
  table: TableView,
  list: ListView,
  tabs: TabsView,
  modal: ModalView,
  alert: AlertView,
  stat: StatView,
  component: ComponentSlot,
};

/**
 * One node, behind its own error boundary: a node that throws, or has a type this runtime does not know
 * (a newer blueprint), shows an inline error naming it while the rest of the page renders.
 */
export function NodeView({ node }: { node: Node }) {
  const Primitive = Object.hasOwn(PRIMITIVES, node.type) ? (PRIMITIVES[node.type] as ComponentType<{ node: Node }>) : undefined;
  const fallback = (error: Error) => <InlineError replacesNode nodeId={node.id} message={error.message.slice(0, 500)} />;
  return (
    <ErrorBoundary fallback={fallback}>
      {Primitive ? <Primitive node={node} /> : <InlineError replacesNode nodeId={node.id} message={`unknown node type "${String(node.type)}"`} />}
    </ErrorBoundary>
  );
}

/** A node's children, in order. */
export function NodeList({ nodes }: { nodes: readonly Node[] }) {
  return nodes.map((child) => <NodeView key={child.id} node={child} />);
}
