import { describe, expect, it } from "vitest";
import { describeBlueprint, formatValue, formValues, initialDraft, listComponents, listFunctions, validateBlueprint, validateDraft, type Blueprint, type FormField } from "@/lib/sdui";
import { crudBlueprint } from "./fixtures";

const fields: FormField[] = [
  { name: "title", label: "Title", input: "text", required: true },
  { name: "count", label: "Count", input: "number", required: false, default: 2 },
  { name: "due", label: "Due", input: "date", required: false },
  { name: "done", label: "Done", input: "checkbox", required: false },
  { name: "agree", label: "Agree", input: "checkbox", required: true },
  { name: "size", label: "Size", input: "select", required: true, options: ["s", { value: "m", label: "Medium" }] },
];

describe("form values", () => {
  it("starts from defaults, a required select's first option, and unchecked boxes", () => {
    expect(initialDraft(fields)).toEqual({ title: "", count: "2", due: "", done: false, agree: false, size: "s" });
  });

  it("names each required or mistyped field", () => {
    const draft = { ...initialDraft(fields), count: "two", due: "tomorrow" };
    expect(validateDraft(fields, draft)).toEqual({
      title: "Title is required.",
      count: "Count must be a number.",
      due: "Due must be a date.",
      agree: "Check this box to continue.",
    });
    expect(validateDraft(fields, { ...initialDraft(fields), title: "x", agree: true })).toEqual({});
  });

  it("types the values for {{form.…}}", () => {
    const draft = { ...initialDraft(fields), title: "  Milk ", count: "", agree: true };
    expect(formValues(fields, draft)).toEqual({ title: "Milk", count: null, due: "", done: false, agree: true, size: "s" });
    expect(formValues(fields, { ...draft, count: "3.5" }).count).toBe(3.5);
  });
});

describe("formatValue", () => {
  it("formats cells by column format, showing values that do not fit as they are", () => {
    expect(formatValue(1234.5, "number", { locale: "en-US" })).toBe("1,234.5");
    expect(formatValue("9.5", "currency", { locale: "en-US", currency: "EUR" })).toBe("€9.50");
    expect(formatValue("2024-05-01", "date", { locale: "en-US" })).toBe("5/1/2024");
    expect(formatValue("soon", "date")).toBe("soon");
    expect(formatValue(1, "boolean")).toBe("Yes");
    expect(formatValue(0, "boolean")).toBe("No");
    expect(formatValue(null, "number")).toBe("");
    expect(formatValue({ a: 1 }, "text")).toBe('{"a":1}');
  });
});

describe("describeBlueprint", () => {
  const result = validateBlueprint(crudBlueprint());
  const blueprint = result.ok ? result.blueprint : (undefined as unknown as Blueprint);

  it("lists the functions and components a blueprint uses", () => {
    expect(listFunctions(blueprint)).toEqual(["comments", "stats", "todos"]);
    expect(listComponents(blueprint)).toEqual(["TodoChart"]);
  });

  it("summarises routes, pages and node types in a few lines", () => {
    const text = describeBlueprint(blueprint);
    expect(text).toContain("/todos/:id -> todo");
    expect(text).toContain('home "Todos": stack, heading, stat, table, form, component');
    expect(text).toContain("Functions used: comments, stats, todos");
    expect(text).toContain("Components used: TodoChart");
    expect(text.split("\n").length).toBeLessThan(15);
  });
});
