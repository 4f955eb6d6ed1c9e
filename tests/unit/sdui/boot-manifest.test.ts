import { describe, expect, it } from "vitest";
import { createBootManifest, listComponents, readBootManifest, validateBlueprint, type BootManifest } from "@/lib/sdui";
import { crudBlueprint, seedBlueprint } from "./fixtures";

const components = { TodoChart: "/_myco/a/mfe/chart.js" };
const errorsOf = (manifest: BootManifest) => ("errors" in manifest ? manifest.errors : []);

describe("createBootManifest (the server's half)", () => {
  it("hands the runtime the validated blueprint, defaults filled in", () => {
    const manifest = createBootManifest({ env: "dev", blueprint: seedBlueprint(), components });
    expect(manifest).toMatchObject({ env: "dev", components });
    expect("blueprint" in manifest && manifest.blueprint.theme).toEqual({ primaryColor: "#4f46e5", radius: "md", font: "system" });
  });

  it("hands over an invalid blueprint's problems with their paths, as validateBlueprint names them", () => {
    const broken = { ...(crudBlueprint() as object), routes: [{ path: "/", page: "nowhere" }] };
    const manifest = createBootManifest({ env: "prod", blueprint: broken, components });
    const expected = validateBlueprint(broken);
    expect(expected.ok).toBe(false);
    expect("blueprint" in manifest).toBe(false);
    expect(errorsOf(manifest)).toEqual(expected.ok ? [] : expected.errors);
    expect(errorsOf(manifest).map((e) => e.path)).toContain("routes[0].page");
  });

  it("turns app.json that is not JSON into one problem at the root, and a missing app.json into an error too", () => {
    const notJson = createBootManifest({ env: "dev", blueprint: { invalidJson: "app.json is not valid JSON: Unexpected token at line 2, column 3" }, components: {} });
    expect(errorsOf(notJson)).toEqual([{ path: "", message: "app.json is not valid JSON: Unexpected token at line 2, column 3" }]);
    expect(errorsOf(createBootManifest({ env: "dev", blueprint: null, components: {} })).length).toBeGreaterThan(0);
  });
});

describe("readBootManifest (the runtime's half)", () => {
  it("reads what the server wrote, valid or not", () => {
    for (const blueprint of [crudBlueprint(), { version: 2 }]) {
      const manifest = createBootManifest({ env: "staging", blueprint, components });
      expect(readBootManifest(JSON.stringify(manifest))).toEqual({ ok: true, manifest });
    }
  });

  it("names what is wrong with a page that lost or mangled its boot data", () => {
    expect(readBootManifest(null)).toEqual({ ok: false, message: 'The page has no <script id="myco-boot" type="application/json"> to start from.' });
    expect(readBootManifest("{")).toEqual({ ok: false, message: "The myco-boot script is not valid JSON." });
    expect(readBootManifest('{"env":"dev","components":{}}')).toEqual({ ok: false, message: "The myco-boot manifest is invalid: it has neither a validated blueprint nor its errors." });
    expect(readBootManifest('{"env":"dev","components":{"A":1},"errors":[]}')).toMatchObject({ ok: false, message: expect.stringContaining("components") });
    expect(readBootManifest("[]")).toMatchObject({ ok: false, message: expect.stringContaining("not an object") });
  });
});

describe("listComponents", () => {
  it("lists the components of the whole blueprint, or of one page", () => {
    const result = validateBlueprint(crudBlueprint());
    if (!result.ok) throw new Error("the fixture is valid");
    expect(listComponents(result.blueprint)).toEqual(["TodoChart"]);
    expect(listComponents(result.blueprint, "home")).toEqual(["TodoChart"]);
    expect(listComponents(result.blueprint, "todo")).toEqual([]);
  });
});
