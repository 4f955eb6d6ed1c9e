import { describe, expect, it } from "vitest";
import { BLUEPRINT_VERSION, Node, PRIMITIVE_TYPES, validateBlueprint, type BlueprintValidation } from "@/lib/sdui";
import { crudBlueprint, seedBlueprint } from "./fixtures";

function errorsOf(result: BlueprintValidation) {
  if (result.ok) throw new Error("expected the blueprint to be rejected");
  return result.errors;
}

function pageWith(...children: unknown[]) {
  return { version: 1, name: "T", routes: [{ path: "/", page: "home" }], pages: { home: { title: "T", body: { id: "root", type: "stack", children } } } };
}

describe("validateBlueprint: accepts", () => {
  it("the seed blueprint every new project starts with, filling in defaults", () => {
    const result = validateBlueprint(seedBlueprint());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.blueprint.version).toBe(BLUEPRINT_VERSION);
    expect(result.blueprint.theme).toEqual({ primaryColor: "#4f46e5", radius: "md", font: "system" });
    const body = result.blueprint.pages.home?.body;
    expect(body?.type === "stack" && body.children.map((c) => c.type)).toEqual(["heading", "text"]);
  });

  it("a full CRUD blueprint using every primitive", () => {
    const result = validateBlueprint(crudBlueprint());
    expect(result.ok ? [] : result.errors).toEqual([]);
    const used = new Set(JSON.stringify(crudBlueprint()).match(/"type":"[a-z]+"/g)?.map((t) => t.slice(8, -1)));
    expect([...PRIMITIVE_TYPES].filter((t) => !used.has(t))).toEqual([]);
  });

  it("lists exactly the primitives the Node union has", () => {
    expect(Node.options.map((o) => o.shape.type.value).sort()).toEqual([...PRIMITIVE_TYPES].sort());
  });

  it("the same route param in several templates, and static routes beside param routes", () => {
    const bp = crudBlueprint();
    bp.routes.push({ path: "/todos/new", page: "home" });
    expect(validateBlueprint(bp).ok).toBe(true);
  });
});

describe("validateBlueprint: rejects with the JSON path of", () => {
  it("an unknown node type: the node's type", () => {
    const errors = errorsOf(validateBlueprint(pageWith({ id: "a", type: "heading", text: "x" }, { id: "b", type: "carousel" })));
    expect(errors).toEqual([{ path: "pages.home.body.children[1].type", message: expect.stringContaining('"carousel" is unknown') }]);
    expect(errors[0]?.message).toContain("stack, grid, card");
  });

  it("a missing node type", () => {
    expect(errorsOf(validateBlueprint(pageWith({ id: "a" })))[0]?.path).toBe("pages.home.body.children[0].type");
  });

  it("a bad field deep in the tree", () => {
    const bp = crudBlueprint();
    bp.pages.home.body.children[2].columns = [];
    expect(errorsOf(validateBlueprint(bp))).toEqual([{ path: "pages.home.body.children[2].columns", message: expect.stringContaining(">=1") }]);
  });

  it("a duplicate node id on one page (ids may repeat across pages)", () => {
    const errors = errorsOf(validateBlueprint(pageWith({ id: "a", type: "text", text: "1" }, { id: "a", type: "text", text: "2" })));
    expect(errors).toEqual([{ path: "pages.home.body.children[1].id", message: 'duplicate node id "a" on page "home"' }]);
    expect(validateBlueprint(crudBlueprint()).ok).toBe(true); // both pages have a "root"
  });

  it("a route to a page that does not exist", () => {
    const bp = crudBlueprint();
    bp.routes.push({ path: "/about", page: "about" });
    expect(errorsOf(validateBlueprint(bp))).toEqual([{ path: "routes[2].page", message: 'no page "about" in pages' }]);
  });

  it("two routes matching the same paths", () => {
    const bp = crudBlueprint();
    bp.routes.push({ path: "/todos/:todoId", page: "todo" });
    expect(errorsOf(validateBlueprint(bp))[0]?.path).toBe("routes[2].path");
  });

  it("a refresh target that is not on the page, or has no binding", () => {
    const missing = errorsOf(validateBlueprint(pageWith({ id: "b", type: "button", text: "Go", onClick: [{ action: "refresh", target: "nope" }] })));
    expect(missing).toEqual([{ path: "pages.home.body.children[0].onClick[0].target", message: '"nope" is not a node on this page' }]);
    const unbound = errorsOf(validateBlueprint(pageWith({ id: "t", type: "text", text: "x" }, { id: "b", type: "button", text: "Go", onClick: [{ action: "refresh", target: "t" }] })));
    expect(unbound[0]).toEqual({ path: "pages.home.body.children[1].onClick[0].target", message: '"t" is not a bound node (a table, list, stat with data, form with data or pickers, or component)' });
  });

  it("a refresh target on another page", () => {
    const bp = crudBlueprint();
    bp.pages.todo.body.children[0].children[4].onClick.push({ action: "refresh", target: "todo-table" });
    expect(errorsOf(validateBlueprint(bp))[0]?.path).toBe("pages.todo.body.children[0].children[4].onClick[2].target");
  });

  it("bad template syntax, reported once", () => {
    for (const text of ["Hello {{form.name", "{{}}", "{{ user.name }}", "{{row}}", "{{row.__proto__}}", "a }} b"]) {
      const errors = errorsOf(validateBlueprint(pageWith({ id: "t", type: "text", text })));
      expect(errors, text).toEqual([{ path: "pages.home.body.children[0].text", message: expect.stringMatching(/^bad template: /) }]);
    }
  });

  it("a placeholder used outside its scope", () => {
    const cases: [unknown, string, RegExp][] = [
      [{ id: "t", type: "text", text: "{{row.id}}" }, "pages.home.body.children[0].text", /rowActions/],
      [{ id: "t", type: "heading", text: "{{form.x}}" }, "pages.home.body.children[0].text", /onSubmit/],
      [{ id: "b", type: "button", text: "x", onClick: [{ action: "message", text: "{{result.id}}" }] }, "pages.home.body.children[0].onClick[0].text", /after a call/],
      [{ id: "t", type: "text", text: "{{route.id}}" }, "pages.home.body.children[0].text", /no route to this page has a :id/],
    ];
    for (const [node, path, message] of cases) {
      expect(errorsOf(validateBlueprint(pageWith(node)))).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
  });

  it("oversized strings and lists", () => {
    const long = errorsOf(validateBlueprint(pageWith({ id: "t", type: "heading", text: "x".repeat(201) })));
    expect(long).toEqual([{ path: "pages.home.body.children[0].text", message: expect.stringContaining("<=200") }]);
    const many = Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, type: "text", text: "x" }));
    expect(errorsOf(validateBlueprint(pageWith(...many)))[0]?.path).toBe("pages.home.body.children");
    const name = validateBlueprint({ ...pageWith(), name: "n".repeat(201) });
    expect(errorsOf(name)[0]?.path).toBe("name");
  });

  it("unknown properties, at the property itself", () => {
    const errors = errorsOf(validateBlueprint(pageWith({ id: "t", type: "text", text: "x", color: "red" })));
    expect(errors).toEqual([{ path: "pages.home.body.children[0].color", message: 'unknown property "color"' }]);
  });

  it("component names that are not PascalCase", () => {
    const errors = errorsOf(validateBlueprint(pageWith({ id: "c", type: "component", name: "todo-chart" })));
    expect(errors).toEqual([{ path: "pages.home.body.children[0].name", message: expect.stringContaining("PascalCase") }]);
  });

  it("a close action outside a modal, a select without options, a duplicate form field", () => {
    const form = { id: "f", type: "form", fields: [{ name: "a", label: "A", input: "select" }, { name: "b", label: "B" }, { name: "b", label: "B" }], onSubmit: [{ action: "close" }] };
    expect(errorsOf(validateBlueprint(pageWith(form)))).toEqual([
      { path: "pages.home.body.children[0].fields[0].options", message: "a select needs exactly one of options and optionsFrom" },
      { path: "pages.home.body.children[0].onSubmit[0]", message: "a close action must be inside a modal" },
      { path: "pages.home.body.children[0].fields[2].name", message: 'duplicate field name "b"' },
    ]);
  });

  it("an unsupported version, a route path with a query, a theme color that is not #rrggbb", () => {
    expect(errorsOf(validateBlueprint({ ...pageWith(), version: 2 }))[0]?.path).toBe("version");
    expect(errorsOf(validateBlueprint({ ...pageWith(), routes: [{ path: "/a?b", page: "home" }] }))[0]?.path).toBe("routes[0].path");
    expect(errorsOf(validateBlueprint({ ...pageWith(), theme: { primaryColor: "red;}body{display:none" } }))[0]?.path).toBe("theme.primaryColor");
  });

  it("nesting too deep to check safely, without overflowing the stack", () => {
    let body: unknown = { id: "leaf", type: "text", text: "x" };
    for (let i = 0; i < 5000; i += 1) body = { id: `n${i}`, type: "stack", children: [body] };
    const errors = errorsOf(validateBlueprint({ ...pageWith(), pages: { home: { title: "T", body } } }));
    expect(errors).toEqual([{ path: expect.stringMatching(/^pages\.home\.body\.children\[0\]/), message: expect.stringContaining("nested more than") }]);
  });

  it("something that is not a blueprint at all", () => {
    expect(errorsOf(validateBlueprint(null))).toEqual([{ path: "", message: expect.stringContaining("expected object") }]);
    expect(errorsOf(validateBlueprint([]))[0]?.path).toBe("");
  });
});

describe("validateBlueprint: editing and browsing", () => {
  const picker = { name: "contact_id", label: "Contact", input: "select", optionsFrom: { function: "contacts", label: "name" } };
  const editForm = {
    id: "edit-deal", type: "form", reset: false, data: { function: "deals", path: "{{row.id}}" },
    fields: [{ name: "title", label: "Title", required: true }, picker, { name: "owner", label: "Owner", input: "hidden", default: "{{row.owner}}" }],
    onSubmit: [{ action: "call", function: "deals", method: "PUT", path: "{{row.id}}", args: { title: "{{form.title}}" } }, { action: "refresh", target: "deals" }, { action: "close" }],
  };
  const table = {
    id: "deals", type: "table", data: { function: "deals", args: { sort: "title", dir: "desc" } }, pageSize: 25,
    columns: [{ key: "title", label: "Title", sortable: true }, { key: "contact_id_label", label: "Contact" }],
    search: { placeholder: "Search deals" },
    filters: [{ key: "stage", label: "Stage", options: ["lead", "won"] }, { key: "contact_id", label: "Contact", optionsFrom: { function: "contacts", label: "name" } }],
    rowActions: [{ text: "Edit", modal: { title: "Edit {{row.title}}", children: [editForm] } }, { text: "Delete", variant: "danger", actions: [{ action: "call", function: "deals", method: "DELETE", path: "{{row.id}}" }] }],
  };

  it("accepts row dialogs with forms bound to the row, pickers, hidden fields, and tables that search, filter, sort and page", () => {
    const result = validateBlueprint(pageWith(table, { id: "chart", type: "component", name: "DealChart" }, { id: "again", type: "button", text: "Reload", onClick: [{ action: "refresh", target: "chart" }, { action: "refresh", target: "edit-deal" }] }));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("accepts a detail page whose form reads its row by route and adds a child linked to it", () => {
    const bp = pageWith(
      { id: "details", type: "form", reset: false, data: { function: "contacts", path: "{{route.id}}" }, fields: [{ name: "name", label: "Name" }], onSubmit: [{ action: "call", function: "contacts", method: "PUT", path: "{{route.id}}", args: { name: "{{form.name}}" } }] },
      { id: "add-deal", type: "form", fields: [{ name: "contact_id", label: "Contact", input: "hidden", default: "{{route.id}}" }, { name: "title", label: "Title" }], onSubmit: [{ action: "call", function: "deals", args: { contact_id: "{{form.contact_id}}", title: "{{form.title}}" } }] },
    );
    bp.routes = [{ path: "/contacts/:id", page: "home" }];
    expect(validateBlueprint(bp).ok).toBe(true);
  });

  it.each([
    [{ ...table, rowActions: [{ text: "Both", actions: [{ action: "close" }], modal: { title: "x", children: [{ id: "t1", type: "text", text: "x" }] } }] }, "pages.home.body.children[0].rowActions[0].actions", /exactly one of actions and modal/],
    [{ ...table, rowActions: [{ text: "Neither" }] }, "pages.home.body.children[0].rowActions[0].actions", /exactly one of actions and modal/],
    [{ ...table, filters: [{ key: "stage", label: "Stage" }] }, "pages.home.body.children[0].filters[0].options", /exactly one of options and optionsFrom/],
    [{ ...table, pageSize: 101 }, "pages.home.body.children[0].pageSize", /100/],
    [{ ...editForm, data: undefined, fields: [{ ...picker, options: ["a"] }] }, "pages.home.body.children[0].fields[0].options", /exactly one of options and optionsFrom/],
    [{ ...editForm, data: undefined, fields: [{ name: "x", label: "X", optionsFrom: { function: "contacts", label: "name" } }] }, "pages.home.body.children[0].fields[0].optionsFrom", /only a select has options/],
    [{ id: "t", type: "text", text: "{{row.title}}" }, "pages.home.body.children[0].text", /rowActions \(and the dialog a row action opens\)/],
  ])("rejects %j at its path", (node, path, message) => {
    const errors = errorsOf(validateBlueprint(pageWith(node)));
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("checks the nodes of a row's dialog like any other: ids unique on the page, refresh targets bound", () => {
    const clash = { ...table, rowActions: [{ text: "Edit", modal: { title: "Edit", children: [{ ...editForm, id: "deals" }] } }] };
    expect(errorsOf(validateBlueprint(pageWith(clash)))).toContainEqual({ path: "pages.home.body.children[0].rowActions[0].modal.children[0].id", message: 'duplicate node id "deals" on page "home"' });
    const unbound = pageWith({ id: "plain", type: "form", fields: [{ name: "a", label: "A" }], onSubmit: [{ action: "refresh", target: "plain" }] });
    expect(errorsOf(validateBlueprint(unbound))[0]?.message).toMatch(/is not a bound node/);
  });
});
