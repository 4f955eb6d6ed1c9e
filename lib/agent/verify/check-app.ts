// What Myco checks before an agent run may end as completed: the whole app, as a person would meet it.
import type { ProjectScope } from "@/lib/auth";
import { COMPONENT_FILE, analyseProject, checkBuild } from "@/lib/bundler";
import type { Logger } from "@/lib/log";
import { bindingUrl, validateBlueprint, walkNodes, type Binding, type Blueprint, type Node } from "@/lib/sdui";
import { listAppliedMigrations, readWorkspaceMigrations } from "@/lib/tenant-db";
import { listFiles, readFile } from "@/lib/workspace";
import { listPreviewErrors } from "../preview-errors";
import { formatBlueprintErrors } from "../tools/build-check";
import { failureOf, getFromApp } from "./app-get";
import { renderCheck } from "./render-check";
import { typeCheck } from "./type-check";

const MAX_PROBLEMS = 40;

// Every GET the pages make: bindings, a form's data, pickers and filters (templates read as empty).
function fetchesOf(node: Node): Pick<Binding, "function" | "path" | "args">[] {
  switch (node.type) {
    case "table":
      return [node.data, ...(node.filters ?? []).flatMap((f) => (f.optionsFrom ? [f.optionsFrom] : []))];
    case "list":
      return [node.data];
    case "stat":
      return node.data ? [node.data] : [];
    case "form":
      return [...(node.data ? [node.data] : []), ...node.fields.flatMap((f) => (f.optionsFrom ? [f.optionsFrom] : []))];
    default:
      return [];
  }
}

function bindingsOf(blueprint: Blueprint): Map<string, Pick<Binding, "function" | "path" | "args">> {
  const byUrl = new Map<string, Pick<Binding, "function" | "path" | "args">>();
  for (const page of Object.values(blueprint.pages)) {
    walkNodes(page.body, [], (node) => {
      for (const binding of fetchesOf(node)) byUrl.set(bindingUrl(binding, {}), binding);
    });
  }
  return byUrl;
}

async function blueprintOf(scope: ProjectScope): Promise<{ blueprint?: Blueprint; problems: string[] }> {
  const file = await readFile(scope, "app.json").catch(() => null);
  if (!file) return { problems: ["app.json is missing: write one with update_blueprint."] };
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch (err) {
    return { problems: [`app.json is not valid JSON (${err instanceof Error ? err.message : "parse error"}).`] };
  }
  const result = validateBlueprint(json);
  if (!result.ok) return { problems: formatBlueprintErrors(result.errors).map((e) => `app.json ${e}`) };
  return { blueprint: result.blueprint, problems: [] };
}

// A GET of each binding, as the page makes it: 2xx JSON, or a 4xx the function chose; never a crash.
async function smoke(scope: ProjectScope, blueprint: Blueprint, files: Set<string>, log: Logger): Promise<string[]> {
  const problems: string[] = [];
  for (const binding of bindingsOf(blueprint).values()) {
    if (!files.has(`functions/${binding.function}.ts`)) {
      problems.push(`app.json fetches "${binding.function}", but functions/${binding.function}.ts does not exist.`);
      continue;
    }
    const url = bindingUrl(binding, {});
    const got = await getFromApp(scope, url, log);
    if (!got.ok) problems.push(`GET ${url} failed: ${got.message}`);
    else if (got.status >= 500) problems.push(`GET ${url} answered ${got.status}: ${failureOf(got) ?? ""}`);
  }
  return problems;
}

// The components a page may show: every components/<Name>.tsx (the build has checked them all).
function builtComponents(files: Set<string>): Record<string, string> {
  const names = [...files].flatMap((f) => COMPONENT_FILE.exec(f)?.[1] ?? []);
  return Object.fromEntries(names.map((name) => [name, `/_myco/checked/${name}.js`]));
}

async function pendingMigrations(scope: ProjectScope): Promise<string[]> {
  const [files, applied] = await Promise.all([readWorkspaceMigrations(scope), listAppliedMigrations(scope, "dev")]);
  const done = new Set(applied.map((m) => m.name));
  return files.filter((m) => !done.has(m.name)).map((m) => `migration ${m.name} is not applied to the dev database.`);
}

// High and medium security findings in the files the run wrote (all files when not told): the model fixes
// its own code, not a person's older code it never touched. Low findings are left to the editor's markers.
async function securityProblems(scope: ProjectScope, touched: ReadonlySet<string> | undefined): Promise<string[]> {
  const { findings } = await analyseProject(scope);
  return findings
    .filter((f) => f.severity !== "low" && (!touched || touched.has(f.path)))
    .map((f) => `${f.path}:${f.line}: ${f.message} (security: ${f.rule}, ${f.severity})`);
}

/**
 * Every problem the app has now, each a line the model can act on: app.json does not parse or validate;
 * a component or function does not build or type-check (file:line:column); a migration is not applied;
 * a function the pages fetch is missing, throws or answers 5xx to the page's own GET; a page throws or
 * shows an error when rendered on the server with the app's data; the open preview reported an error; a
 * file in `touched` has a high or medium security finding. Empty when the app works.
 */
export async function checkApp(scope: ProjectScope, log: Logger, touched?: ReadonlySet<string>): Promise<string[]> {
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  const { blueprint, problems } = await blueprintOf(scope);
  const build = await checkBuild(scope, log);
  problems.push(...build.problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`));
  if (build.problems.length === 0) problems.push(...(await typeCheck(scope)));
  problems.push(...(await securityProblems(scope, touched)));
  problems.push(...(await pendingMigrations(scope)));
  if (blueprint && build.problems.length === 0) {
    const smoked = await smoke(scope, blueprint, files, log);
    problems.push(...smoked);
    if (smoked.length === 0) problems.push(...(await renderCheck(scope, blueprint, builtComponents(files), log)));
  }
  problems.push(...listPreviewErrors(scope.projectId).map((e) => `the preview reported: ${e.component ? `${e.component}: ` : e.nodeId ? `node "${e.nodeId}": ` : ""}${e.message}`));
  return [...new Set(problems)].slice(0, MAX_PROBLEMS);
}
