// React's dangerouslySetInnerHTML with markup that is not fixed text: no-unsanitized sees DOM
// assignments only, not this prop. A sanitiser's output (DOMPurify.sanitize, sanitize…) is accepted.
import type { Rule } from "eslint";
import { calleeName, child, children, isLiteralText, type AnyNode } from "./ast";

function isSanitised(node: AnyNode | null): boolean {
  if (!node || isLiteralText(node)) return true;
  return node.type === "CallExpression" && /^sanitize/i.test(calleeName(node) ?? "");
}

function htmlOf(value: AnyNode | null): AnyNode | null | "unknown" {
  const expression = value?.type === "JSXExpressionContainer" ? child(value, "expression") : null;
  if (expression?.type !== "ObjectExpression") return "unknown";
  const prop = children(expression, "properties").find((p) => {
    const key = p.type === "Property" ? child(p, "key") : null;
    return key?.type === "Identifier" ? key.name === "__html" : key?.type === "Literal" && key.value === "__html";
  });
  return prop ? child(prop, "value") : "unknown";
}

export const noUnsafeInnerHtml: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    return {
      JSXAttribute(node: Rule.Node) {
        const attr = node as unknown as AnyNode;
        const name = child(attr, "name");
        if (name?.type !== "JSXIdentifier" || name.name !== "dangerouslySetInnerHTML") return;
        const html = htmlOf(child(attr, "value"));
        if (html !== "unknown" && isSanitised(html)) return;
        context.report({
          node,
          message: "dangerouslySetInnerHTML with markup built from data lets that data run scripts in the page. Render it as text in JSX, or pass it through DOMPurify.sanitize() first.",
        });
      },
    } as Rule.RuleListener;
  },
};
