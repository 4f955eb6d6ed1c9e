import { describe, expect, it } from "vitest";
import { parseTemplate, readPath, resolveDeep, resolveTemplate, resolveTemplateValue } from "@/lib/sdui";

const scope = {
  form: { title: "Buy milk", age: 42, done: false },
  route: { id: "7" },
  row: { id: 3, owner: { name: "Ada" }, tags: ["a", "b"], note: null },
  query: { q: "x y" },
  result: { id: 99 },
};

describe("resolveTemplate", () => {
  it("replaces each placeholder with its value's text", () => {
    expect(resolveTemplate("{{form.title}} (#{{row.id}}) for {{row.owner.name}} on {{route.id}}", scope)).toBe("Buy milk (#3) for Ada on 7");
    expect(resolveTemplate("{{ query.q }}|{{result.id}}|{{form.done}}|{{row.tags.1}}", scope)).toBe("x y|99|false|b");
  });

  it("renders missing values, null and absent scopes as empty strings", () => {
    expect(resolveTemplate("[{{row.missing}}][{{row.owner.name.first}}][{{row.note}}][{{form.x}}]", { row: scope.row })).toBe("[][][][]");
    expect(resolveTemplate("{{route.id}}", {})).toBe("");
  });

  it("never reaches a prototype", () => {
    for (const t of ["{{row.__proto__}}", "{{row.constructor}}", "{{row.constructor.name}}", "{{row.toString}}", "{{row.prototype}}", "{{row.id.toFixed}}"]) {
      expect(resolveTemplate(t, scope), t).toBe("");
    }
    const inherited = Object.create({ secret: "s" }) as object;
    expect(resolveTemplate("{{row.secret}}", { row: inherited })).toBe("");
    expect(resolveTemplate("{{row.length}}", { row: "abc" })).toBe("");
  });

  it("evaluates nothing: expressions are not paths and stay empty", () => {
    expect(resolveTemplate("{{row.id + 1}}{{alert(1)}}{{row['id']}}", scope)).toBe("");
    expect(resolveTemplate("no placeholders", scope)).toBe("no placeholders");
  });

  it("writes objects as JSON and keeps single braces as text", () => {
    expect(resolveTemplate("{{row.owner}}", scope)).toBe('{"name":"Ada"}');
    expect(resolveTemplate("{{{route.id}}}", scope)).toBe("{7}");
  });
});

describe("resolveTemplateValue", () => {
  it("keeps the type of a value that is the whole template", () => {
    expect(resolveTemplateValue("{{form.age}}", scope)).toBe(42);
    expect(resolveTemplateValue(" {{form.done}} ", scope)).toBe(false);
    expect(resolveTemplateValue("{{row.note}}", scope)).toBeNull();
    expect(resolveTemplateValue("{{row.missing}}", scope)).toBe("");
    expect(resolveTemplateValue("n={{form.age}}", scope)).toBe("n=42");
  });

  it("resolves every string of nested props", () => {
    expect(resolveDeep({ a: "{{form.age}}", b: ["{{route.id}}", 1], c: { d: "x{{row.id}}" } }, scope)).toEqual({ a: 42, b: ["7", 1], c: { d: "x3" } });
  });
});

describe("parseTemplate", () => {
  it("lists the placeholders of a valid template", () => {
    expect(parseTemplate("a {{row.id}} b {{ form.x.y }}")).toEqual({
      ok: true,
      refs: [
        { text: "{{row.id}}", scope: "row", path: ["id"] },
        { text: "{{ form.x.y }}", scope: "form", path: ["x", "y"] },
      ],
    });
  });

  it("names the problem of an invalid one", () => {
    expect(parseTemplate("{{user.id}}")).toMatchObject({ ok: false, message: expect.stringContaining("must start with one of form, route") });
    expect(parseTemplate("{{form.a b}}")).toMatchObject({ ok: false, message: expect.stringContaining('"a b" is not a field name') });
    expect(parseTemplate("{{form.x")).toMatchObject({ ok: false, message: expect.stringContaining("unbalanced") });
    expect(parseTemplate("{{form.x}} }}")).toMatchObject({ ok: false, message: expect.stringContaining("unbalanced") });
  });
});

describe("readPath", () => {
  it("reads own properties and array indexes only", () => {
    expect(readPath({ a: [{ b: 1 }] }, ["a", "0", "b"])).toBe(1);
    expect(readPath({ a: 1 }, ["hasOwnProperty"])).toBeUndefined();
    expect(readPath(JSON.parse('{"__proto__":{"x":1}}'), ["__proto__", "x"])).toBeUndefined();
  });
});
