import type { z } from "zod";
import type { Node } from "./schema-nodes";
import { LIMITS } from "./schema-parts";
import { parseTemplate, type TemplateScopeName } from "./template";
import { routeParams } from "./match-route";
import { walkNodes } from "./walk-nodes";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;
type CheckedBlueprint = { routes: { path: string; page: string }[]; pages: Record<string, { body: Node }> };
type PageInfo = { nodes: Map<string, Node>; params: Set<string>; report: Report };
type StringContext = { scopes: Set<TemplateScopeName>; inModal: boolean };

const ACTION_LIST_KEYS = new Set(["onClick", "onSubmit", "actions"]);
// What a refresh can fetch again: bound data, a form's data or pickers, and components (their useFunctionData).
const BINDABLE = (node: Node | undefined) =>
  node?.type === "table" || node?.type === "list" || node?.type === "component" || (node?.type === "stat" && node.data !== undefined)
  || (node?.type === "form" && (node.data !== undefined || node.fields.some((f) => f.optionsFrom !== undefined)));
const SCOPE_HOME: Partial<Record<TemplateScopeName, string>> = {
  form: "a form's onSubmit actions",
  row: "a table's rowActions (and the dialog a row action opens) or a list's itemTemplate",
  result: "actions that come after a call action",
};

function checkPlaceholders(text: string, path: Path, context: StringContext, page: PageInfo): void {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return page.report(path, `bad template: ${parsed.message}`);
  for (const ref of parsed.refs) {
    const home = SCOPE_HOME[ref.scope];
    if (home && !context.scopes.has(ref.scope)) page.report(path, `${ref.text} can be used only in ${home}`);
    if (ref.scope === "route" && !page.params.has(ref.path[0] ?? "")) {
      page.report(path, `${ref.text}: no route to this page has a :${ref.path[0] ?? ""} segment`);
    }
  }
}

function checkAction(action: Record<string, unknown>, path: Path, context: StringContext, page: PageInfo): void {
  if (action.action === "close" && !context.inModal) page.report(path, "a close action must be inside a modal");
  if (action.action === "refresh" && typeof action.target === "string" && !BINDABLE(page.nodes.get(action.target))) {
    const why = page.nodes.has(action.target) ? "is not a bound node (a table, list, stat with data, form with data or pickers, or component)" : "is not a node on this page";
    page.report([...path, "target"], `"${action.target}" ${why}`);
  }
}

function checkActionList(actions: unknown[], path: Path, context: StringContext, page: PageInfo): void {
  let afterCall = false;
  actions.forEach((action, i) => {
    const scopes = new Set(context.scopes);
    if (afterCall) scopes.add("result");
    checkStrings(action, [...path, i], { ...context, scopes }, page);
    if (action !== null && typeof action === "object") {
      checkAction(action as Record<string, unknown>, [...path, i], context, page);
      if ((action as { action?: unknown }).action === "call") afterCall = true;
    }
  });
}

// Every string of a node (not of its child nodes, which are visited on their own) is a template.
function checkStrings(value: unknown, path: Path, context: StringContext, page: PageInfo): void {
  if (typeof value === "string") return checkPlaceholders(value, path, context, page);
  if (Array.isArray(value)) return value.forEach((v, i) => checkStrings(v, [...path, i], context, page));
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    // Child nodes, including those of a row's dialog, are visited on their own.
    if (key === "children" && Array.isArray(child) && child.every((c) => c !== null && typeof c === "object" && "type" in c)) continue;
    const scopes = new Set(context.scopes);
    if (key === "rowActions" || key === "itemTemplate") scopes.add("row");
    if (key === "onSubmit") scopes.add("form");
    if (ACTION_LIST_KEYS.has(key) && Array.isArray(child)) checkActionList(child, [...path, key], { ...context, scopes }, page);
    else checkStrings(child, [...path, key], { ...context, scopes }, page);
  }
}

function checkFormFields(node: Node, path: Path, report: Report): void {
  if (node.type !== "form") return;
  const seen = new Set<string>();
  node.fields.forEach((field, i) => {
    if (seen.has(field.name)) report([...path, "fields", i, "name"], `duplicate field name "${field.name}"`);
    seen.add(field.name);
  });
}

function checkPage(pageId: string, body: Node, params: Set<string>, report: Report): void {
  const base: Path = ["pages", pageId, "body"];
  const nodes = new Map<string, Node>();
  let count = 0;
  walkNodes(body, base, (node, path) => {
    count += 1;
    if (nodes.has(node.id)) report([...path, "id"], `duplicate node id "${node.id}" on page "${pageId}"`);
    else nodes.set(node.id, node);
  });
  if (count > LIMITS.nodesPerPage) report(base, `a page may have at most ${LIMITS.nodesPerPage} nodes (this one has ${count})`);
  const page: PageInfo = { nodes, params, report };
  walkNodes(body, base, (node, path, place) => {
    checkStrings(node, path, { scopes: new Set(place.inRow ? ["row"] : []), inModal: place.inModal }, page);
    checkFormFields(node, path, report);
  });
}

function checkRoutes(blueprint: CheckedBlueprint, report: Report): Map<string, Set<string>> {
  const paramsByPage = new Map<string, Set<string>>();
  const seen = new Set<string>();
  blueprint.routes.forEach((route, i) => {
    if (!Object.hasOwn(blueprint.pages, route.page)) report(["routes", i, "page"], `no page "${route.page}" in pages`);
    const shape = route.path.replace(/:[^/]+/g, ":");
    if (seen.has(shape)) report(["routes", i, "path"], `another route already matches ${route.path}`);
    seen.add(shape);
    const params = routeParams(route.path);
    if (new Set(params).size !== params.length) report(["routes", i, "path"], "a :param name is used twice");
    const known = paramsByPage.get(route.page) ?? new Set<string>();
    params.forEach((p) => known.add(p));
    paramsByPage.set(route.page, known);
  });
  return paramsByPage;
}

/** The checks a blueprint's shape cannot express, as zod issues with JSON paths. */
export function checkReferences(blueprint: CheckedBlueprint, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });
  const paramsByPage = checkRoutes(blueprint, report);
  for (const [pageId, page] of Object.entries(blueprint.pages)) {
    checkPage(pageId, page.body, paramsByPage.get(pageId) ?? new Set(), report);
  }
}
