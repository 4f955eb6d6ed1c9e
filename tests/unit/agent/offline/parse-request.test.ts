import { describe, expect, it } from "vitest";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { CORPUS } from "./corpus";

describe("parseRequest", () => {
  it.each(CORPUS)("reads %j", (request, expected) => {
    const spec = parseRequest(request);
    for (const [entity, fields] of Object.entries(expected.entities)) {
      const found = spec.entities.find((e) => e.name === entity);
      expect(found, `entity ${entity} in ${JSON.stringify(spec.entities.map((e) => e.name))}`).toBeDefined();
      const types = Object.fromEntries((found?.fields ?? []).map((f) => [f.name, f.type]));
      expect(types).toMatchObject(fields);
    }
    if (Object.keys(expected.entities).length === 0 && expected.unknown) expect(spec.entities).toEqual([]);
    const relations = spec.entities.flatMap((e) => e.relations.map((r) => `${e.name}.${r.field}->${r.entity}`));
    for (const relation of expected.relations ?? []) expect(relations).toContain(relation);
    expect(spec.views.dashboard).toBe(expected.dashboard ?? false);
    if (expected.chart) expect(spec.views.chart && `${spec.views.chart.entity}.${spec.views.chart.field}`).toBe(expected.chart);
    if (expected.unknown) expect(spec.unknown.join(" | ")).toMatch(expected.unknown);
  });

  it("gives enums sensible default options and keeps listed ones", () => {
    const todo = parseRequest("a todo app with title, due date and priority").entities[0];
    expect(todo?.fields.find((f) => f.name === "priority")?.options).toEqual(["low", "medium", "high"]);
    const expense = parseRequest("expense tracker with amount, category (food, rent, travel) and date").entities[0];
    expect(expense?.fields.find((f) => f.name === "category")?.options).toEqual(["food", "rent", "travel"]);
  });

  it("names tables in the plural and requires the identifying field", () => {
    const [category] = parseRequest("categories: name, notes").entities;
    expect(category).toMatchObject({ name: "category", table: "categories", label: "Category" });
    expect(category?.fields.find((f) => f.name === "name")?.required).toBe(true);
  });

  it.each([
    ["tasks with title, status can be open, in progress or closed, and a due date", "status", ["open", "in progress", "closed"]],
    ["bug tracker: title, priority low/med/high", "priority", ["low", "med", "high"]],
    ["guests (name, meal choice: chicken/fish/veg)", "meal_choice", ["chicken", "fish", "veg"]],
    ["orders with a total and a status which is one of new, paid or shipped", "status", ["new", "paid", "shipped"]],
    ["tickets: subject, priority (either low or high)", "priority", ["low", "high"]],
  ])("reads the choices in %j", (request, field, options) => {
    const found = parseRequest(request).entities.flatMap((e) => e.fields).find((f) => f.name === field);
    expect(found).toMatchObject({ type: "enum", options });
  });

  it("never folds words around a field into its name, and never invents choices", () => {
    for (const [request] of CORPUS) {
      for (const field of parseRequest(request).entities.flatMap((e) => e.fields)) {
        expect(field.name, request).not.toMatch(/_(?:and|or|with|can_be|which|that|of_the|for_each)(?:_|$)|^(?:and|or|the|a)_/);
        expect(field.name.split("_").length, `${field.name} in ${request}`).toBeLessThanOrEqual(4);
        expect(field.options ?? [], request).not.toEqual(["general", "other"]);
      }
    }
    expect(parseRequest("notes with a title and a category").entities[0]?.fields.find((f) => f.name === "category")?.type).toBe("text");
  });

  it("links every relation to a record type of the app, as an integer field", () => {
    for (const [request] of CORPUS) {
      const spec = parseRequest(request);
      for (const entity of spec.entities) {
        for (const relation of entity.relations) {
          expect(spec.entities.map((e) => e.name), request).toContain(relation.entity);
          expect(entity.fields.find((f) => f.name === relation.field)?.type, request).toBe("integer");
        }
      }
    }
  });

  it("takes the app's name for the app, not for a record type", () => {
    expect(parseRequest("An event RSVP app with events and guests").entities.map((e) => e.name)).toEqual(["event", "guest"]);
    expect(parseRequest("a gym membership app with members, plans and check-ins; each member has a plan").entities.map((e) => e.name).sort()).toEqual(["check_in", "member", "plan"]);
    expect(parseRequest("personal finance: accounts and transactions").appName).toBe("Finance");
  });

  // The planner runs in the server process on a tenant's words: no phrase may make its patterns backtrack
  // for seconds and stall everyone's requests (a stall fails this test by its timeout).
  it("reads hostile 4,000-character requests made of its own sentence shapes, each a plan within the limits", () => {
    const shapes = ["books ", "scores where a judge gives ", "dishes each guest brings ", "cats have and ", "a/", "a", "vinyl records ", "each member rating of ", "x: ", "building in each ", "the books kids borrow from the ", "how often it needs ", "status (a, b) for a "];
    for (const shape of shapes) {
      const spec = parseRequest(shape.repeat(Math.ceil(4_000 / shape.length)));
      expect(spec.entities.length, shape).toBeLessThanOrEqual(12);
    }
  });

  it("is deterministic", () => {
    const request = "a CRM with contacts and deals, deals have a stage and an amount";
    expect(parseRequest(request)).toEqual(parseRequest(request));
  });
});
