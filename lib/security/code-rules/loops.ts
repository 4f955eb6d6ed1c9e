// Loops that can run without end in a function: `while (true)` / `for (;;)` with no way out, and loops
// whose bound is a number the caller sends (`i < req.query.count`). The isolate's time limit ends them,
// but only after they have taken a slot and a core for the whole limit.
import type { Rule } from "eslint";
import { child, readsRequest, someChild, type AnyNode } from "./ast";

const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForInStatement", "ForOfStatement"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

const isForever = (test: AnyNode | null) => test === null || (test.type === "Literal" && Boolean(test.value));

/** True when the body holds a return, a throw, or a break that leaves this loop (not an inner loop or switch). */
function hasExit(node: AnyNode | null, depth: number): boolean {
  if (!node || FUNCTIONS.has(node.type)) return false;
  if (node.type === "ReturnStatement" || node.type === "ThrowStatement") return true;
  if (node.type === "BreakStatement") return depth === 0 || node.label !== null;
  const inner = LOOPS.has(node.type) || node.type === "SwitchStatement" ? depth + 1 : depth;
  return someChild(node, (n) => hasExit(n, inner));
}

export const noUnboundedLoop: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const check = (node: Rule.Node) => {
      const loop = node as unknown as AnyNode;
      const test = child(loop, "test");
      if (isForever(test) && !hasExit(child(loop, "body"), 0)) {
        context.report({ node, message: "This loop has no way out (no break, return or throw), so it runs until the time limit stops it. Give it an end condition." });
        return;
      }
      if (readsRequest(context, test)) {
        context.report({ node, message: "How often this loop runs is decided by the request, so one request can keep a function busy until its time limit. Check the number against a fixed maximum first." });
      }
    };
    return { WhileStatement: check, DoWhileStatement: check, ForStatement: check };
  },
};
