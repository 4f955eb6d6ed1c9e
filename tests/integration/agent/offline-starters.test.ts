import { afterAll, describe, expect, it } from "vitest";
import { buildAllComponents } from "@/lib/bundler";
import { shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { validateBlueprint } from "@/lib/sdui";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { planApp } from "@/lib/agent/offline/plan-app";
import { EXAMPLES, STARTERS } from "@/components/ide/agent-starters";

afterAll(() => shutdownRuntime());

describe("the starters and examples an empty project offers", () => {
  it.each([...STARTERS.map((s) => s.prompt), ...EXAMPLES])("plan a valid app with the offline planner: %s", (prompt) => {
    const spec = parseRequest(prompt);
    const plan = planApp(spec);
    expect(validateBlueprint(plan.blueprint).ok).toBe(true);
    expect(plan.functions.length).toBeGreaterThan(0);
    expect(plan.migration.operations.length).toBeGreaterThan(0);
  });

  it("name the entities and fields each starter asks for", () => {
    const tables = STARTERS.map((s) => planApp(parseRequest(s.prompt)).functions.map((f) => f.name).sort());
    expect(tables).toEqual([["tasks"], ["contacts", "deals"], ["products", "suppliers"], ["events", "guests"]]);
    const links = STARTERS.map((s) => parseRequest(s.prompt).entities.flatMap((e) => e.relations.map((r) => `${e.name}->${r.entity}`)));
    expect(links).toEqual([[], ["deal->contact"], ["product->supplier"], ["guest->event"]]);
  });
});
