import { Suspense, type ComponentType } from "react";
import type { Node, NodeOf, PrimitiveType } from "@/lib/sdui/client";
import { ErrorBoundary } from "./error-boundary";
import { InlineError } from "./inline-error";
import { isLazyType, LazyPrimitive, type LazyType } from "./lazy-primitives";
import { AlertView } from "./primitives/alert";
import { CardView } from "./primitives/card";
import { ComponentSlot } from "./primitives/component-slot";
import { GridView } from "./primitives/grid";
import { HeadingView } from "./primitives/heading";
import { LinkView } from "./primitives/link";
import { StackView } from "./primitives/stack";
import { TextView } from "./primitives/text";

const PRIMITIVES: { [T in Exclude<PrimitiveType, LazyType>]: ComponentType<{ node: NodeOf<T> }> } = {
  stack: StackView,
  grid: GridView,
  card: CardView,
  heading: HeadingView,
  text: TextView,
  link: LinkView,
  alert: AlertView,
  component: ComponentSlot,
};

/**
 * One node, behind its own error boundary: a node that throws, or has a type this runtime does not know
 * (a newer blueprint), shows an inline error naming it while the rest of the page renders.
 */
export function NodeView({ node }: { node: Node }) {
  const type: string = node.type;
  const Primitive = Object.hasOwn(PRIMITIVES, type) ? (PRIMITIVES[type as keyof typeof PRIMITIVES] as ComponentType<{ node: Node }>) : undefined;
  const fallback = (error: Error) => <InlineError replacesNode nodeId={node.id} message={error.message.slice(0, 500)} />;
  const unknown = <InlineError replacesNode nodeId={node.id} message={`unknown node type "${type}"`} />;
  return (
    <ErrorBoundary fallback={fallback}>
      {Primitive ? (
        <Primitive node={node} />
      ) : isLazyType(type) ? (
        <Suspense fallback={<p className="myco-loading" aria-busy="true">Loading…</p>}>
          <LazyPrimitive type={type} node={node} />
        </Suspense>
      ) : (
        unknown
      )}
    </ErrorBoundary>
  );
}

/** A node's children, in order. */
export function NodeList({ nodes }: { nodes: readonly Node[] }) {
  return nodes.map((child) => <NodeView key={child.id} node={child} />);
}
