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
    expect(unbound[0]).toEqual({ path: "pages.home.body.children[1].onClick[0].target", message: '"t" is not a table, list or stat with data' });
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
      { path: "pages.home.body.children[0].fields[0].options", message: "a select needs options" },
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
