import { describe, expect, it } from "vitest";
import { blueprintJsonSchema, PRIMITIVE_TYPES } from "@/lib/sdui";
import { crudBlueprint, seedBlueprint } from "./fixtures";
import { checkJsonSchema } from "./json-schema-check";

type Schema = Record<string, any>;

describe("blueprintJsonSchema", () => {
  const schema = blueprintJsonSchema() as Schema;

  it("is a draft 2020-12 schema describing version, routes and pages", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["version", "name", "routes", "pages"]);
    expect(schema.properties.version).toMatchObject({ const: 1 });
    expect(schema.properties.routes).toMatchObject({ type: "array", minItems: 1, items: { required: ["path", "page"] } });
    expect(schema.properties.pages.additionalProperties.properties.body).toEqual({ $ref: "#/$defs/Node" });
    expect(schema.title).toBe("Myco app blueprint");
  });

  it("defines Node once, recursively, as one variant per primitive with a description", () => {
    const variants = schema.$defs.Node.oneOf as Schema[];
    expect(variants.map((v) => v.properties.type.const)).toEqual([...PRIMITIVE_TYPES]);
    for (const v of variants) {
      expect(v.required).toEqual(expect.arrayContaining(["id", "type"]));
      expect(v.additionalProperties).toBe(false);
      expect(typeof v.description).toBe("string");
    }
    const stack = variants.find((v) => v.properties.type.const === "stack");
    expect(stack?.properties.children.items).toEqual({ $ref: "#/$defs/Node" });
    expect(Object.keys(schema.$defs).sort()).toEqual(["Action", "Binding", "JsonValue", "Node", "OptionsSource"]);
    expect(schema.$defs.Action.oneOf.map((a: Schema) => a.properties.action.const)).toEqual(["call", "navigate", "refresh", "message", "close"]);
  });

  it("tells a model where templates are allowed and marks defaults optional", () => {
    const heading = (schema.$defs.Node.oneOf as Schema[]).find((v) => v.properties.type.const === "heading");
    expect(heading?.properties.text.description).toContain("{{form.x}}");
    expect(heading?.required).toEqual(["id", "type", "text"]);
    expect(heading?.properties.level).toMatchObject({ default: 2, minimum: 1, maximum: 4 });
  });

  it("accepts the blueprints the zod schema accepts, and rejects what it rejects", () => {
    expect(checkJsonSchema(schema, seedBlueprint())).toEqual([]);
    expect(checkJsonSchema(schema, crudBlueprint())).toEqual([]);
    const bad = crudBlueprint();
    bad.pages.home.body.children[1].type = "carousel";
    bad.routes[0].extra = true;
    expect(checkJsonSchema(schema, bad)).toEqual(["$.routes[0].extra: not allowed", "$.pages.home.body: 0 of oneOf match"]);
  });

  it("returns a fresh copy each call", () => {
    (blueprintJsonSchema() as Schema).title = "changed";
    expect((blueprintJsonSchema() as Schema).title).toBe("Myco app blueprint");
  });
});
