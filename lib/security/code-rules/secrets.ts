// Keys and passwords pasted into code: well-known key shapes anywhere in a string, and long random-looking
// strings given a name like key, secret, token or password. They belong in the project's secrets (ctx.env).
import type { Rule } from "eslint";
import { child, type AnyNode } from "./ast";

/** Shapes of real credentials; each is specific enough not to match ordinary text. */
const KEY_SHAPES: { name: string; pattern: RegExp }[] = [
  { name: "an OpenAI-style API key", pattern: /\bsk-(?:proj-|live_|test_)?[A-Za-z0-9_-]{20,}/ },
  { name: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/ },
  { name: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { name: "a private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: "a JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

const SECRET_NAME = /(?:key|secret|token|passw(?:or)?d|pwd|credential|auth)$/i;
const MIN_SECRET_CHARS = 16;
const MIN_BITS_PER_CHAR = 3.5;

/** Shannon entropy in bits per character: random keys score about 4 or more, words and sentences less. */
function bitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const looksRandom = (text: string) => text.length >= MIN_SECRET_CHARS && !/\s/.test(text) && bitsPerChar(text) >= MIN_BITS_PER_CHAR;

/** The name a string is given: `const apiKey = "…"`, `{ token: "…" }`, `cfg.password = "…"`. */
function nameGiven(node: AnyNode): string | null {
  const parent = node.parent;
  if (!parent) return null;
  const named = parent.type === "VariableDeclarator" ? child(parent, "id")
    : parent.type === "Property" && parent.value === node ? child(parent, "key")
    : parent.type === "AssignmentExpression" && parent.right === node ? child(parent, "left")
    : null;
  const id = named?.type === "MemberExpression" ? child(named, "property") : named;
  if (id?.type === "Identifier") return id.name as string;
  return id?.type === "Literal" && typeof id.value === "string" ? id.value : null;
}

export const noHardcodedSecret: Rule.RuleModule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const check = (node: AnyNode, text: string) => {
      const shape = KEY_SHAPES.find((s) => s.pattern.test(text));
      const name = shape ? null : nameGiven(node);
      if (!shape && !(name && SECRET_NAME.test(name) && looksRandom(text))) return;
      const what = shape ? `This looks like ${shape.name}` : `"${name}" holds what looks like a secret`;
      context.report({
        node: node as unknown as Rule.Node,
        message: `${what}. Anyone who can read the code or the app's bundle can use it: revoke it, store it as a project secret and read it from ctx.env.`,
      });
    };
    return {
      Literal(node) {
        if (typeof node.value === "string") check(node as unknown as AnyNode, node.value);
      },
      TemplateElement(node) {
        const raw = node.value.cooked ?? node.value.raw;
        const parent = (node as unknown as AnyNode).parent;
        if (parent) check(parent, raw);
      },
    };
  },
};
