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

const TIMERS = new Set(["setTimeout", "setInterval"]);
const CODE_TEXT = new Set(["Literal", "TemplateLiteral", "BinaryExpression"]);

/** A property read (`x.p`, `x["p"]`) of `node`'s own name, or a local name that merely shadows nothing. */
function isPropertyKey(node: AnyNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === "MemberExpression") return child(parent, "property") === node && parent.computed !== true;
  if (parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") return child(parent, "key") === node && parent.computed !== true;
  return false;
}

/**
 * The ways around a check for `eval(...)` and `new Function(...)`: eval or Function passed around as a value
 * (`const e = eval`, `(0, eval)(x)`), a global's property picked by a computed name (`globalThis["ev" + "al"]`),
 * a timer given text instead of a function (`setTimeout("code")`), and `x.constructor.constructor`, which
 * is Function itself.
 */
export const noIndirectCode: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const report = (node: Rule.Node, message: string) => context.report({ node, message });
    return {
      Identifier(node) {
        const id = node as unknown as AnyNode;
        // A type (`cb: Function`) or a property name (`o.eval`) is no use of the value.
        if ((id.name !== "eval" && id.name !== "Function") || isPropertyKey(id) || id.parent?.type.startsWith("TS")) return;
        const parent = id.parent;
        const isDirect = (parent?.type === "CallExpression" || parent?.type === "NewExpression") && child(parent, "callee") === id;
        if (!isDirect) report(node, `${String(id.name)} used as a value runs text as code wherever it is called. Write the code itself.`);
      },
      MemberExpression(node) {
        const member = node as unknown as AnyNode;
        const object = child(member, "object");
        const property = child(member, "property");
        if (member.computed === true && object?.type === "Identifier" && GLOBALS.has(object.name as string) && !isLiteralText(property)) {
          report(node, "A global picked by a computed name can reach eval or Function unseen. Name what you use.");
        }
        if (property?.type === "Identifier" && property.name === "constructor" && object?.type === "MemberExpression") {
          const inner = child(object, "property");
          if (inner?.type === "Identifier" && inner.name === "constructor") report(node, "x.constructor.constructor is the Function constructor: it runs text as code. Write the function itself.");
        }
      },
      CallExpression(node) {
        const call = node as unknown as AnyNode;
        const first = children(call, "arguments")[0];
        if (TIMERS.has(calleeName(call) ?? "") && first && CODE_TEXT.has(first.type)) {
          report(node, `${calleeName(call)} with text runs it as code, like eval. Pass a function instead.`);
        }
      },
    };
  },
};
