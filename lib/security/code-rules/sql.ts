// SQL text built with + or `${}` and handed to the tenant database (ctx.db.query / ctx.db.exec): values
// belong in the parameter array. Text that only splices fixed strings, quoted identifiers (q(), quote…())
// or fragments computed from them is not flagged: the planner's CRUD functions build identifiers that way.
import type { Rule } from "eslint";
import { calleeName, child, children, initialiserOf, isLiteralText, readsRequest, resolve, type AnyNode } from "./ast";

const DB_METHODS = new Set(["query", "exec"]);
const QUOTER = /^(?:q|quote\w*|escape\w*)$/i;
const MAX_HOPS = 4;

/** `db.query(…)`, `ctx.db.exec(…)`: a call of query/exec on something named db. */
function isDbCall(call: AnyNode): boolean {
  const callee = child(call, "callee");
  if (callee?.type !== "MemberExpression" || !DB_METHODS.has(calleeName(call) ?? "")) return false;
  const object = child(callee, "object");
  const name = object?.type === "Identifier" ? object.name : object?.type === "MemberExpression" ? child(object, "property")?.name : null;
  return name === "db";
}

const isBuilt = (node: AnyNode | null): boolean =>
  (node?.type === "BinaryExpression" && node.operator === "+") || (node?.type === "TemplateLiteral" && children(node, "expressions").length > 0);

/** A spliced part that may carry outside data: a parameter or the request, read directly or through variables. */
function isUnsafePart(context: Rule.RuleContext, node: AnyNode | null, hops: number): boolean {
  if (!node || hops > MAX_HOPS || isLiteralText(node)) return false;
  switch (node.type) {
    case "Identifier": {
      const variable = resolve(context, node);
      if (!variable) return false;
      if (variable.defs[0]?.type === "Parameter") return true;
      return isUnsafePart(context, initialiserOf(variable), hops + 1);
    }
    case "MemberExpression":
      return isUnsafePart(context, child(node, "object"), hops);
    case "CallExpression":
      // A call is trusted to compute text unless it is handed the request itself; a quoter always is.
      if (QUOTER.test(calleeName(node) ?? "")) return false;
      return [child(node, "callee"), ...children(node, "arguments")].some((n) => readsRequest(context, n));
    case "BinaryExpression":
    case "LogicalExpression":
      return isUnsafePart(context, child(node, "left"), hops) || isUnsafePart(context, child(node, "right"), hops);
    case "ConditionalExpression":
      return isUnsafePart(context, child(node, "consequent"), hops) || isUnsafePart(context, child(node, "alternate"), hops);
    case "TemplateLiteral":
      return children(node, "expressions").some((n) => isUnsafePart(context, n, hops));
    case "ArrayExpression":
      return children(node, "elements").some((n) => isUnsafePart(context, n, hops));
    case "TSAsExpression":
    case "TSNonNullExpression":
    case "AwaitExpression":
    case "SpreadElement":
      return isUnsafePart(context, child(node, node.type === "AwaitExpression" || node.type === "SpreadElement" ? "argument" : "expression"), hops);
    default:
      return false;
  }
}

/** The SQL argument as written, or the initialiser of the variable it names. */
function sqlText(context: Rule.RuleContext, arg: AnyNode | null): AnyNode | null {
  if (arg?.type !== "Identifier") return arg;
  const variable = resolve(context, arg);
  return variable ? initialiserOf(variable) : null;
}

export const noSqlConcatenation: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    return {
      CallExpression(node) {
        const call = node as unknown as AnyNode;
        if (!isDbCall(call)) return;
        const sql = sqlText(context, children(call, "arguments")[0] ?? null);
        if (!isBuilt(sql) || !isUnsafePart(context, sql, 0)) return;
        context.report({
          node,
          message: "This SQL is built by pasting values into the text, so a crafted value can change the query (SQL injection). Write ? in the SQL and pass the values as the second argument: ctx.db.query(\"… WHERE id = ?\", [id]).",
        });
      },
    };
  },
};
