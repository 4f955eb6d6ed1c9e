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

  it("is deterministic", () => {
    const request = "a CRM with contacts and deals, deals have a stage and an amount";
    expect(parseRequest(request)).toEqual(parseRequest(request));
  });
});
