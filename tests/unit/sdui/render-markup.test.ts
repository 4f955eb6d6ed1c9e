// The renderer's markup, rendered on the server (there is no DOM here): effects and fetches do not run,
// so bound nodes show their loading state. Behaviour in a browser is covered by the e2e suite.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { validateBlueprint, walkNodes, type Blueprint } from "@/lib/sdui";
import { installPrimitiveLoaders, LAZY_TYPES, preloadPrimitives } from "@/components/sdui/lazy-primitives";
import { PageView } from "@/components/sdui/page-view";
import { PRIMITIVE_LOADERS } from "@/components/sdui/primitive-loaders";
import { RuntimeContext, type RuntimeValue } from "@/components/sdui/runtime-context";
import { crudBlueprint } from "./fixtures";

const result = validateBlueprint(crudBlueprint());
const blueprint = result.ok ? result.blueprint : (undefined as unknown as Blueprint);
const runtime: RuntimeValue = { components: { TodoChart: "/mfe/TodoChart.js" }, report: () => undefined, showMessage: () => undefined, confirm: async () => true };

function render(pageId: string, params: Record<string, string> = {}, search = ""): string {
  const page = blueprint.pages[pageId];
  if (!page) throw new Error(pageId);
  const tree = createElement(RuntimeContext.Provider, { value: runtime }, createElement(PageView, { pageId, page, params, search }));
  return renderToStaticMarkup(tree);
}

// Static markup renders no suspended module: every lazy primitive is loaded first, as the render check does.
beforeAll(async () => {
  installPrimitiveLoaders(PRIMITIVE_LOADERS);
  await preloadPrimitives(LAZY_TYPES);
});

describe("renderer markup", () => {
  it("marks every node's root element with its id (nodes inside closed modals and hidden tabs excepted)", () => {
    const html = render("home");
    const ids: string[] = [];
    walkNodes(blueprint.pages.home!.body, [], (node) => ids.push(node.id));
    for (const id of ids) expect(html, id).toContain(`data-node-id="${id}"`);
  });

  it("labels every input, resolves templates and shows loading states", () => {
    const home = render("home", {}, "?done=1");
    expect(home).toContain('<label for="add-todo-title">Title<span class="myco-required" aria-hidden="true"> *</span></label>');
    expect(home).toContain('<input id="add-todo-title" aria-required="true" type="text" placeholder="Buy milk" name="title" value=""/>');
    expect(home).toContain('<select id="add-todo-priority"');
    expect(home).toContain("Loading…");
    const todo = render("todo", { id: "42" });
    expect(todo).toContain("Todo #42");
    expect(todo).toContain("Notes for 42");
    expect(todo).toMatch(/role="tab" id="more-tab-0" aria-selected="true"/);
    expect(todo).toContain('<a class="myco-link" href="/" data-node-id="back">All todos</a>');
    expect(todo).not.toContain('data-node-id="edit"'); // the modal sits in the hidden tab
  });

  it("shows an inline error, not an exception, for a node whose href is unsafe", () => {
    const bp = crudBlueprint();
    bp.pages.todo.body.children[0].children[0].to = "{{route.id}}";
    const parsed = validateBlueprint(bp);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const page = parsed.blueprint.pages.todo!;
    const html = renderToStaticMarkup(
      createElement(RuntimeContext.Provider, { value: runtime }, createElement(PageView, { pageId: "todo", page, params: { id: "javascript:alert(1)" }, search: "" })),
    );
    expect(html).toContain('<div data-node-id="back"><div class="myco-error" role="alert"><strong>Node &quot;back&quot;:</strong>');
    expect(html).not.toContain('href="javascript');
  });
});
