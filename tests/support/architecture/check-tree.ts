import fs from "node:fs";
import path from "node:path";
import { scanSource, type Reference } from "./scan-source";
import { areaOf, listSourceFiles, placeFile, type Zone } from "./place-file";

// The house's import rules, checked on every source file of a tree. Each rule is named so that a failure
// reads "file:line rule: what, and what to do", and so that an allowlist entry names the one thing it permits.

/** Each rule the checker applies, and what it asks of the code. */
export const RULES = {
  relative: "relative imports stay inside their module (lib/<m>) or folder",
  index: "another module is reached only through its index, as \"@/lib/<m>\" (a client-safe one also as \"@/lib/<m>/client\")",
  order: "a lib module imports only modules before it in lib/modules.ts",
  layer: "lib/ never imports app/, components/, tests/, prisma/ or next/* (auth, http excepted); components/ never app/; prisma/ never lib/",
  client: "components take values only from client-safe modules, types from any",
  seam: "each seam's package is used only by its owner module",
  env: "only lib/config reads process.env",
  console: "only lib/log writes to the console",
  handler: "route handlers (app/api, app/apps-host) reach neither the file system nor Prisma",
  computed: "no import() or require() of a specifier computed at run time, which no rule could see through",
  lines: "files stay within the line limit",
  placement: "every source file sits where a rule knows it",
} as const;

export type Rule = keyof typeof RULES;

/** The architecture's data (lib/modules.ts) and the file size limit. */
export type ArchitectureRules = {
  moduleOrder: readonly string[];
  seamOwners: Readonly<Record<string, string>>;
  clientSafeModules: readonly string[];
  nextModules: readonly string[];
  maxLines: number;
};

export type Violation = { file: string; line: number; rule: Rule; subject: string; message: string };
/** One permitted exception: `subject` is the specifier, `process.env.X` or `console.x` it permits. */
export type AllowlistEntry = { file: string; rule: Rule; subject: string; why: string };

type Finding = Omit<Violation, "file" | "line">;
type Context = { rules: ArchitectureRules; modules: ReadonlySet<string>; rel: string; zone: Zone };

// @prisma/client and its kin, the CLI, and the client generated into node_modules/.prisma.
const PRISMA_PACKAGE = /^(@prisma\/|\.?prisma$)/;

const isRelative = (spec: string) => spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../");

/** `node:fs/promises` → `fs`; `@scope/pkg/sub` → `@scope/pkg`. */
export function packageOf(spec: string): string {
  const parts = spec.replace(/^node:/, "").split("/");
  return (spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]) ?? spec;
}

/** The repository path a specifier names (`@/x` or relative), or undefined for a package. */
function targetPath(rel: string, spec: string): string | undefined {
  if (spec.startsWith("@/")) return path.posix.normalize(spec.slice(2)).replace(/\/$/, "");
  if (isRelative(spec)) return path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)).replace(/\/$/, "");
  // An absolute path counts as outside the repository, like a relative one that climbs out of it.
  return spec.startsWith("/") ? `..${spec}` : undefined;
}

function label(zone: Zone): string {
  if (zone.kind === "lib") return `lib/${zone.module}`;
  return zone.kind === "cli" ? "prisma/ (plain Node)" : zone.kind;
}

// Which areas each kind of file may import from, other than its own (packages are checked apart).
function mayReach(zone: Zone, area: string): boolean {
  const isModule = area.startsWith("lib/");
  switch (zone.kind) {
    case "lib": return isModule;
    case "components": return isModule || area === "components";
    case "app": return isModule || ["app", "components", "root"].includes(area);
    case "cli": return area === "prisma";
    default: return false;
  }
}

function checkModuleTarget(ctx: Context, ref: Reference & { spec: string }, target: string): Finding | undefined {
  const { zone, rules } = ctx;
  const module = target.split("/")[1] ?? "";
  const own = zone.kind === "lib" ? zone.module : undefined;
  const at = (rule: Rule, message: string): Finding => ({ rule, subject: ref.spec, message });
  if (own === module) return isRelative(ref.spec) ? undefined : at("index", `"${ref.spec}" names its own module; inside lib/${module} import relatively`);
  // A client-safe module may have a second face, its browser share without server-only code: "@/lib/<m>/client".
  const isClientFace = ref.spec === `@/lib/${module}/client` && rules.clientSafeModules.includes(module);
  if (ref.spec !== `@/lib/${module}` && !isClientFace) return at("index", `"${ref.spec}" reaches into lib/${module}; import "@/lib/${module}"`);
  if (own !== undefined && rules.moduleOrder.indexOf(module) >= rules.moduleOrder.indexOf(own)) {
    return at("order", `lib/${own} may not import lib/${module}: ${module} is not before ${own} in lib/modules.ts`);
  }
  if (zone.kind === "components" && !ref.typeOnly && !rules.clientSafeModules.includes(module)) {
    return at("client", `components take only types from lib/${module}; values only from ${rules.clientSafeModules.join(", ")}`);
  }
  return undefined;
}

function checkPathReference(ctx: Context, ref: Reference & { spec: string }, target: string): Finding | undefined {
  const from = areaOf(ctx.rel, ctx.modules);
  const to = areaOf(target, ctx.modules);
  const at = (rule: Rule, message: string): Finding => ({ rule, subject: ref.spec, message });
  if (ctx.zone.kind === "app" && ctx.zone.isHandler && to === "lib/db" && !ref.typeOnly) {
    return at("handler", `"${ref.spec}" is Prisma's module; a route handler calls one lib operation instead`);
  }
  if (target === ".." || target.startsWith("../")) return at("relative", `"${ref.spec}" leaves the repository`);
  if (isRelative(ref.spec) && from !== to) {
    const hint = to.startsWith("lib/") ? `"@/${to}"` : `"@/${target}"`;
    return at("relative", `"${ref.spec}" leaves ${from}; reach ${to} as ${hint}`);
  }
  if (to === from && !to.startsWith("lib/")) return undefined;
  if (!mayReach(ctx.zone, to) && to !== from) return at("layer", `${label(ctx.zone)} may not import ${to}/ ("${ref.spec}")`);
  return to.startsWith("lib/") ? checkModuleTarget(ctx, ref, target) : undefined;
}

function checkPackageReference(ctx: Context, ref: Reference & { spec: string }): Finding | undefined {
  const { zone, rules } = ctx;
  const name = packageOf(ref.spec);
  const at = (rule: Rule, message: string): Finding => ({ rule, subject: ref.spec, message });
  if (zone.kind === "app" && zone.isHandler && (name === "fs" || (PRISMA_PACKAGE.test(name) && !ref.typeOnly))) {
    return at("handler", `"${ref.spec}": a route handler never touches the file system or Prisma; call a lib operation`);
  }
  const owner = rules.seamOwners[name];
  const isOwner = (zone.kind === "lib" && zone.module === owner) || (zone.kind === "cli" && owner === "db");
  if (owner !== undefined && !isOwner) return at("seam", `"${ref.spec}" is a seam only lib/${owner} uses`);
  if (zone.kind === "lib" && name === "next" && !rules.nextModules.includes(zone.module)) {
    return at("layer", `lib/${zone.module} runs without Next; only ${rules.nextModules.join(", ")} import "${ref.spec}"`);
  }
  return undefined;
}

function checkReference(ctx: Context, ref: Reference): Finding | undefined {
  if (ref.spec === undefined) {
    return { rule: "computed", subject: "<computed>", message: "import()/require() of a computed specifier hides what it reaches" };
  }
  if (ctx.zone.kind === "module-list") return { rule: "layer", subject: ref.spec, message: "lib/modules.ts is plain data and imports nothing" };
  const spec = ref.spec;
  const target = targetPath(ctx.rel, spec);
  return target === undefined ? checkPackageReference(ctx, { ...ref, spec }) : checkPathReference(ctx, { ...ref, spec }, target);
}

function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** The violations of one file; `text` is its content. */
export function checkFile(rules: ArchitectureRules, modules: ReadonlySet<string>, rel: string, text: string): Violation[] {
  const zone = placeFile(rel);
  const found: Violation[] = [];
  const add = (line: number, finding: Finding) => found.push({ file: rel, line, ...finding });
  const size = lineCount(text);
  if (size > rules.maxLines) add(1, { rule: "lines", subject: "lines", message: `${size} lines; at most ${rules.maxLines}` });
  if (zone.kind === "unplaced") add(1, { rule: "placement", subject: "file", message: "source outside app/, components/, lib/<module>/, prisma/, tests/ and the known root files" });
  if (zone.kind === "tests" || zone.kind === "unplaced") return found;
  const facts = scanSource(rel, text);
  const ctx: Context = { rules, modules, rel, zone };
  for (const ref of facts.references) {
    const finding = checkReference(ctx, ref);
    if (finding) add(ref.line, finding);
  }
  const own = zone.kind === "lib" ? zone.module : undefined;
  if (own !== "config" && zone.kind !== "cli") {
    for (const use of facts.envReads) add(use.line, { rule: "env", subject: use.subject, message: `reads ${use.subject}; only lib/config reads the environment` });
  }
  if (own !== "log" && zone.kind !== "cli") {
    for (const use of facts.consoleUses) add(use.line, { rule: "console", subject: use.subject, message: `${use.subject}; only lib/log writes to the console` });
  }
  return found;
}

/** Every source file of the tree at `root`, and the violations found in them. */
export function checkTree(root: string, rules: ArchitectureRules): { files: string[]; violations: Violation[] } {
  const libDir = path.join(root, "lib");
  const folders = fs.existsSync(libDir) ? fs.readdirSync(libDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  const modules = new Set([...rules.moduleOrder, ...folders]);
  const files = listSourceFiles(root);
  const violations = files.flatMap((rel) => checkFile(rules, modules, rel, fs.readFileSync(path.join(root, rel), "utf8")));
  return { files, violations };
}

/** Drops the violations an entry permits; an entry that permits nothing is stale and reported. */
export function applyAllowlist(violations: Violation[], allowlist: readonly AllowlistEntry[]): { violations: Violation[]; stale: AllowlistEntry[] } {
  const permits = (e: AllowlistEntry, v: Violation) => e.file === v.file && e.rule === v.rule && e.subject === v.subject;
  return {
    violations: violations.filter((v) => !allowlist.some((e) => permits(e, v))),
    stale: allowlist.filter((e) => !violations.some((v) => permits(e, v))),
  };
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.rule}: ${v.message}`;
}
