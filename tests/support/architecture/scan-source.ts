import ts from "typescript";

// Reads one source file with the TypeScript parser, so that comments and strings never count and every
// way of reaching a module is seen: static and dynamic imports, require in each of its disguises, and the
// environment through any alias of `process`. Syntax only (no type checker): fast, and a file that does
// not compile is still read.

/** How a file reaches another module or package. `spec` is undefined when it is computed at run time. */
export type Reference = { spec: string | undefined; line: number; typeOnly: boolean };
/** A use of something only one module may touch (the environment, the console); `subject` names it. */
export type Use = { subject: string; line: number };
export type SourceFacts = { references: Reference[]; envReads: Use[]; consoleUses: Use[] };

const PROCESS_MODULES = new Set(["process", "node:process"]);
const MODULE_MODULES = new Set(["module", "node:module"]);
const CONSOLE_MODULES = new Set(["console", "node:console"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "global", "self", "window"]);
const CJS_MODULE = new Set(["module"]);

type Names = { process: Set<string>; console: Set<string>; require: Set<string>; createRequire: Set<string> };

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (fileName.endsWith(".jsx")) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function unwrap(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) {
    e = e.expression;
  }
  return e;
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** `x.name` or `x["name"]`: the member's name, when it is written literally. */
function memberName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return literal(node.argumentExpression);
  return undefined;
}

/** `globalThis.process`, `global["console"]`: a global reached through the global object. */
function isGlobalMember(node: ts.Expression, name: string): boolean {
  return memberOf(node, name)?.match(GLOBAL_OBJECTS) ?? false;
}

/** For `owner.name` / `owner["name"]` whose owner is a plain identifier: a test of that identifier. */
function memberOf(node: ts.Expression, name: string): { match(owners: Set<string>): boolean } | undefined {
  const e = unwrap(node);
  if (memberName(e) !== name) return undefined;
  const owner = unwrap((e as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  return { match: (owners) => ts.isIdentifier(owner) && owners.has(owner.text) };
}

function isCreateRequireCall(node: ts.Expression, names: Names): boolean {
  const e = unwrap(node);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  return (ts.isIdentifier(callee) && names.createRequire.has(callee.text)) || memberName(callee) === "createRequire";
}

/** `require`, `module.require`, an alias bound from createRequire(...), or createRequire(...) itself. */
function isRequireFunction(node: ts.Expression, names: Names): boolean {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return names.require.has(e.text);
  return memberOf(e, "require")?.match(CJS_MODULE) ?? isCreateRequireCall(e, names);
}

/** The specifier a call loads or resolves: import(x), require(x), require.resolve(x), import.meta.resolve(x). */
function calledSpec(call: ts.CallExpression, names: Names): { spec: string | undefined } | undefined {
  const callee = unwrap(call.expression);
  const isImportCall = callee.kind === ts.SyntaxKind.ImportKeyword;
  const isResolve = memberName(callee) === "resolve" && ts.isPropertyAccessExpression(callee)
    && (isRequireFunction(callee.expression, names) || ts.isMetaProperty(callee.expression));
  if (!isImportCall && !isResolve && !isRequireFunction(callee, names)) return undefined;
  return { spec: literal(call.arguments[0]) };
}

function isProcess(node: ts.Expression, names: Names): boolean {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return names.process.has(e.text);
  if (isGlobalMember(e, "process")) return true;
  // require("node:process"), await import("process")
  return ts.isCallExpression(e) && PROCESS_MODULES.has(calledSpec(e, names)?.spec ?? "");
}

function isConsole(node: ts.Expression, names: Names): boolean {
  const e = unwrap(node);
  return ts.isIdentifier(e) ? names.console.has(e.text) : isGlobalMember(e, "console");
}

function bindImportNames(node: ts.ImportDeclaration, names: Names): void {
  const from = literal(node.moduleSpecifier) ?? "";
  const clause = node.importClause;
  const whole = [clause?.name, clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name : undefined];
  const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
  for (const id of whole) {
    if (id && PROCESS_MODULES.has(from)) names.process.add(id.text);
    if (id && CONSOLE_MODULES.has(from)) names.console.add(id.text);
  }
  for (const el of named) {
    const imported = (el.propertyName ?? el.name).text;
    if (MODULE_MODULES.has(from) && imported === "createRequire") names.createRequire.add(el.name.text);
    if (PROCESS_MODULES.has(from) && imported === "default") names.process.add(el.name.text);
  }
}

function bindVariable(node: ts.VariableDeclaration, init: ts.Expression, names: Names): void {
  if (ts.isIdentifier(node.name)) {
    if (isProcess(init, names)) names.process.add(node.name.text);
    if (isConsole(init, names)) names.console.add(node.name.text);
    if (isCreateRequireCall(init, names)) names.require.add(node.name.text);
    if (memberName(unwrap(init)) === "createRequire") names.createRequire.add(node.name.text);
  } else if (ts.isObjectBindingPattern(node.name) && destructuredKeys(node).includes("createRequire")) {
    // const { createRequire: make } = require("node:module")
    const el = node.name.elements.find((e) => (e.propertyName ?? e.name).getText() === "createRequire");
    if (el && ts.isIdentifier(el.name)) names.createRequire.add(el.name.text);
  }
}

/** First pass: every local name that stands for `process`, `console`, `require` or `createRequire`. */
function bindNames(file: ts.SourceFile): Names {
  const names: Names = { process: new Set(["process"]), console: new Set(["console"]), require: new Set(["require"]), createRequire: new Set(["createRequire"]) };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) bindImportNames(node, names);
    if (ts.isVariableDeclaration(node) && node.initializer) bindVariable(node, node.initializer, names);
    ts.forEachChild(node, visit);
  };
  // Twice, so that an alias of an alias declared later in the file is known too.
  visit(file);
  visit(file);
  return names;
}

function isTypeOnlyDeclaration(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    return Boolean(node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0
      && node.exportClause.elements.every((el) => el.isTypeOnly));
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  const bindings = clause.namedBindings;
  // `import { type A, type B }` is erased as a whole; one value binding keeps it.
  return !clause.name && Boolean(bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((el) => el.isTypeOnly));
}

/** `process.env`, `process["env"]`: the subject names the variable when it is read literally. */
function envSubject(access: ts.Expression): string {
  const outer = access.parent;
  const key = outer && (ts.isPropertyAccessExpression(outer) || ts.isElementAccessExpression(outer)) && outer.expression === access ? memberName(outer) : undefined;
  return key ? `process.env.${key}` : "process.env";
}

/** The names a destructuring `const { a, b: c } = x` takes from x. */
function destructuredKeys(node: ts.VariableDeclaration): string[] {
  if (!ts.isObjectBindingPattern(node.name)) return [];
  return node.name.elements.flatMap((el) => {
    const key = el.propertyName ?? el.name;
    return ts.isIdentifier(key) || ts.isStringLiteral(key) ? [key.text] : [];
  });
}

function destructuresEnv(node: ts.VariableDeclaration, names: Names): boolean {
  return node.initializer !== undefined && isProcess(node.initializer, names) && destructuredKeys(node).includes("env");
}

/** Every module reference, environment read and console use in one file. */
export function scanSource(fileName: string, text: string): SourceFacts {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const names = bindNames(file);
  const facts: SourceFacts = { references: [], envReads: [], consoleUses: [] };
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const reference = (node: ts.Node, spec: string | undefined, typeOnly: boolean) => facts.references.push({ spec, line: lineOf(node), typeOnly });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      reference(node, literal(node.moduleSpecifier), isTypeOnlyDeclaration(node));
      if (PROCESS_MODULES.has(literal(node.moduleSpecifier) ?? "") && takesEnv(node)) facts.envReads.push({ subject: "process.env", line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      reference(node, literal(node.moduleReference.expression), node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      reference(node, ts.isLiteralTypeNode(node.argument) ? literal(node.argument.literal) : undefined, true);
    } else if (ts.isCallExpression(node)) {
      const called = calledSpec(node, names);
      if (called) reference(node, called.spec, false);
    } else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && memberName(node) === "env" && isProcess(node.expression, names)) {
      facts.envReads.push({ subject: envSubject(node), line: lineOf(node) });
    } else if (ts.isPropertyAccessExpression(node) && isConsole(node.expression, names)) {
      facts.consoleUses.push({ subject: `console.${node.name.text}`, line: lineOf(node) });
    } else if (ts.isVariableDeclaration(node) && destructuresEnv(node, names)) {
      facts.envReads.push({ subject: "process.env", line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return facts;
}

/** `import { env } from "node:process"`, and a re-export that passes `env` on (`export *` included). */
function takesEnv(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
  if (ts.isExportDeclaration(node) && (!bindings || ts.isNamespaceExport(bindings))) return !node.isTypeOnly;
  if (!bindings || !(ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) return false;
  const elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[] = bindings.elements;
  return elements.some((el) => (el.propertyName ?? el.name).text === "env");
}
