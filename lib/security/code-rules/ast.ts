// Shared helpers of the local rules: a loose view of the AST (TS and JSX nodes included) and what counts as
// data from the request a function answers.
import type { Rule, Scope } from "eslint";

/** Any node of @typescript-eslint/parser's tree, read loosely: the rules check `type` before each field. */
export type AnyNode = { type: string; parent?: AnyNode; [key: string]: unknown };

export const asNode = (value: unknown): AnyNode | null =>
  typeof value === "object" && value !== null && typeof (value as AnyNode).type === "string" ? (value as AnyNode) : null;

export const child = (node: AnyNode, key: string): AnyNode | null => asNode(node[key]);

export const children = (node: AnyNode, key: string): AnyNode[] => {
  const list = node[key];
  return Array.isArray(list) ? list.flatMap((n) => asNode(n) ?? []) : [];
};

/** True when `test` holds for a direct child node (the parent link aside). */
export function someChild(node: AnyNode, test: (n: AnyNode) => boolean): boolean {
  return Object.entries(node).some(([key, value]) => {
    if (key === "parent") return false;
    return (Array.isArray(value) ? value : [value]).some((v) => {
      const n = asNode(v);
      return n !== null && test(n);
    });
  });
}

/** The request's names in a function's handler: `req`/`request`, as the runtime and the planner call it. */
const REQUEST_NAMES = new Set(["req", "request"]);

/** The name a call's callee ends in: `q` of `q(x)`, `sanitize` of `DOMPurify.sanitize(x)`. */
export function calleeName(call: AnyNode): string | null {
  const callee = child(call, "callee");
  if (callee?.type === "Identifier") return callee.name as string;
  if (callee?.type === "MemberExpression") {
    const prop = child(callee, "property");
    return prop?.type === "Identifier" ? (prop.name as string) : null;
  }
  return null;
}

/** A literal string, or a template with no `${}`: text the author wrote, not data. */
export function isLiteralText(node: AnyNode | null): boolean {
  if (!node) return false;
  if (node.type === "Literal") return true;
  return node.type === "TemplateLiteral" && children(node, "expressions").length === 0;
}

/** The variable an identifier reads, found in the scope where it is used. */
export function resolve(context: Rule.RuleContext, id: AnyNode): Scope.Variable | null {
  let scope: Scope.Scope | null = context.sourceCode.getScope(id as unknown as Rule.Node);
  while (scope) {
    const found = scope.set.get(id.name as string);
    if (found) return found;
    scope = scope.upper;
  }
  return null;
}

/** The initialiser of a variable declared once with `const`/`let x = …` (destructuring included), else null. */
export function initialiserOf(variable: Scope.Variable): AnyNode | null {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== "Variable") return null;
  return asNode((def.node as unknown as AnyNode).init);
}

const MAX_HOPS = 4;

function isCapped(call: AnyNode): boolean {
  const callee = child(call, "callee");
  const object = callee?.type === "MemberExpression" ? child(callee, "object") : null;
  return object?.type === "Identifier" && object.name === "Math" && calleeName(call) === "min"
    && children(call, "arguments").some((n) => n.type === "Literal" && typeof n.value === "number");
}

/** True when an expression reads the request (`req.query.n`, or a variable set from it), up to a few hops. */
export function readsRequest(context: Rule.RuleContext, node: AnyNode | null, hops = 0): boolean {
  if (!node || hops > MAX_HOPS) return false;
  switch (node.type) {
    case "Identifier": {
      if (REQUEST_NAMES.has(node.name as string)) return true;
      const variable = resolve(context, node);
      return variable ? readsRequest(context, initialiserOf(variable), hops + 1) : false;
    }
    case "MemberExpression":
      return readsRequest(context, child(node, "object"), hops);
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return false;
    case "CallExpression":
      // Math.min(x, 100): capped by a fixed number, whatever the request sent.
      return !isCapped(node) && someChild(node, (n) => readsRequest(context, n, hops));
    default:
      return someChild(node, (n) => readsRequest(context, n, hops));
  }
}
