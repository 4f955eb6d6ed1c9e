// Code built from text at run time, which eslint-plugin-security's rules let through: the Function
// constructor, eval of a literal (the plugin flags only eval of an expression), and import() of a
// computed specifier (the plugin checks require only).
import type { Rule } from "eslint";
import { calleeName, child, children, isLiteralText, type AnyNode } from "./ast";

const GLOBALS = new Set(["window", "globalThis", "self", "global"]);

function isGlobalCall(node: AnyNode, name: string): boolean {
  const callee = child(node, "callee");
  if (callee?.type === "Identifier") return callee.name === name;
  if (callee?.type !== "MemberExpression" || calleeName(node) !== name) return false;
  const object = child(callee, "object");
  return object?.type === "Identifier" && GLOBALS.has(object.name as string);
}

export const noNewFunction: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const check = (node: Rule.Node) => {
      if (isGlobalCall(node as unknown as AnyNode, "Function")) {
        context.report({ node, message: "new Function() runs text as code, like eval. Write the function itself instead." });
      }
    };
    return { NewExpression: check, CallExpression: check };
  },
};

export const noEval: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    return {
      CallExpression(node) {
        const call = node as unknown as AnyNode;
        if (!isGlobalCall(call, "eval")) return;
        const first = children(call, "arguments")[0] ?? null;
        // An identifier callee with a computed argument is detect-eval-with-expression's finding already.
        if (child(call, "callee")?.type === "Identifier" && first && first.type !== "Literal") return;
        context.report({ node, message: "eval() runs text as code, even a fixed string. Write the code itself (or JSON.parse for data)." });
      },
    };
  },
};

export const noDynamicImport: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    return {
      ImportExpression(node) {
        if (isLiteralText(child(node as unknown as AnyNode, "source"))) return;
        context.report({ node, message: "import() of a computed name can load any code. Import a fixed module name, or choose among fixed imports." });
      },
    };
  },
};
