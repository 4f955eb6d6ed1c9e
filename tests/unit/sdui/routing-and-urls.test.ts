import { describe, expect, it } from "vitest";
import { bindingUrl, callRequest, errorMessageOf, functionUrl, isAppPath, matchRoute, routeParams, safeHref } from "@/lib/sdui";

const routes = [
  { path: "/", page: "home" },
  { path: "/todos/:id", page: "todo" },
  { path: "/todos/new", page: "newTodo" },
  { path: "/users/:user/todos/:id", page: "userTodo" },
];

describe("matchRoute", () => {
  it("matches static and :param routes, with decoded params", () => {
    expect(matchRoute(routes, "/")).toMatchObject({ page: "home", params: {} });
    expect(matchRoute(routes, "/todos/42")).toMatchObject({ page: "todo", params: { id: "42" } });
    expect(matchRoute(routes, "/users/ada%20l/todos/a%2Fb")).toMatchObject({ page: "userTodo", params: { user: "ada l", id: "a/b" } });
  });

  it("prefers the more specific route whatever the order", () => {
    expect(matchRoute(routes, "/todos/new")?.page).toBe("newTodo");
  });

  it("ignores trailing slashes and returns null for unknown paths or malformed escapes", () => {
    expect(matchRoute(routes, "/todos/42/")?.page).toBe("todo");
    expect(matchRoute(routes, "/nope")).toBeNull();
    expect(matchRoute(routes, "/todos")).toBeNull();
    expect(matchRoute(routes, "/todos/%E0%A4%A")).toBeNull();
  });

  it("lists a path's params", () => {
    expect(routeParams("/users/:user/todos/:id")).toEqual(["user", "id"]);
  });
});

describe("function URLs", () => {
  it("builds a binding's GET URL with encoded, resolved args", () => {
    const binding = { function: "todos", args: { q: "{{query.q}}", owner: "{{route.id}}", limit: 10, done: false } };
    expect(bindingUrl(binding, { query: { q: "a&b=c ü" }, route: { id: "7" } })).toBe("/_fn/todos?q=a%26b%3Dc+%C3%BC&owner=7&limit=10&done=false");
    expect(bindingUrl({ function: "todos" }, {})).toBe("/_fn/todos");
  });

  it("encodes each path segment and drops . and .. segments", () => {
    expect(functionUrl("todos", { path: "a b/../../c?d" })).toBe("/_fn/todos/a%20b/c%3Fd");
  });

  it("builds a call action's request, keeping whole-placeholder types in the body", () => {
    const action = { action: "call" as const, function: "todos", method: "DELETE" as const, path: "{{row.id}}", args: { id: "{{row.id}}", n: "#{{row.id}}", flag: true, none: null } };
    expect(callRequest(action, { row: { id: 5 } })).toEqual({ url: "/_fn/todos/5", method: "DELETE", body: { id: 5, n: "#5", flag: true, none: null } });
  });

  it("finds a failed call's message: the function's, the platform's, else the status", () => {
    expect(errorMessageOf(400, "Bad Request", { error: "Title is required" })).toBe("Title is required");
    expect(errorMessageOf(500, "Internal Server Error", { error: { code: "runtime_error", message: "boom" } })).toBe("boom");
    expect(errorMessageOf(502, "Bad Gateway", "<html>")).toBe("502 Bad Gateway");
    expect(errorMessageOf(404, "", null)).toBe("404 error");
    expect(errorMessageOf(400, "", { error: "x".repeat(2000) })).toHaveLength(500);
  });

  it("allows only app paths and http(s) URLs as hrefs", () => {
    expect(safeHref("/todos/1")).toBe("/todos/1");
    expect(safeHref("https://example.com/a")).toBe("https://example.com/a");
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example", "todos", ""]) {
      expect(safeHref(bad), bad).toBeNull();
    }
    expect(isAppPath("/a")).toBe(true);
    expect(isAppPath("https://x.example")).toBe(false);
  });
});
