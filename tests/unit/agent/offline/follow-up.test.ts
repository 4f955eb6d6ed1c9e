import { describe, expect, it } from "vitest";
import { planFollowUp, type FollowUp } from "@/lib/agent/offline/follow-up";
import type { AppPlan } from "@/lib/agent/offline/plan-app";
import { planBlueprint } from "@/lib/agent/offline/plan-blueprint";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { validateBlueprint } from "@/lib/sdui";

const CRM = parseRequest("a CRM: companies, contacts at companies, and deals linked to a contact with value, close date and stage");
const blueprint = planBlueprint(CRM);

function planOf(result: FollowUp): AppPlan {
  if (!("plan" in result)) throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
  expect(validateBlueprint(result.plan.blueprint).ok ? [] : validateBlueprint(result.plan.blueprint)).toEqual([]);
  return result.plan;
}

const pages = (plan: AppPlan) => plan.blueprint.pages as Record<string, unknown>;
const fieldsLine = (plan: AppPlan, table: string) => JSON.parse(/^const FIELDS: Field\[\] = (.*);$/m.exec(plan.functions.find((f) => f.name === table)?.code ?? "")?.[1] ?? "[]") as { name: string; required: boolean }[];

describe("follow-ups on an app the planner built", () => {
  it("adds a field to one record type, touching only its table, function and pages", () => {
    const plan = planOf(planFollowUp("add a due date to deals", CRM, blueprint));
    expect(plan.migration.operations).toEqual([{ op: "add_column", table: "deals", column: expect.objectContaining({ name: "due_date", type: "datetime", nullable: true }) }]);
    expect(plan.functions.map((f) => f.name)).toEqual(["deals"]);
    expect(fieldsLine(plan, "deals").map((f) => f.name)).toEqual(["title", "value", "close_date", "stage", "contact_id", "due_date"]);
    expect(pages(plan).p_contacts).toEqual((blueprint.pages as Record<string, unknown>).p_contacts);
  });

  it("renames a field keeping its values, and removes one", () => {
    const renamed = planOf(planFollowUp("rename value to amount on deals", CRM, blueprint));
    expect(renamed.migration.operations).toEqual([{ op: "rename_column", table: "deals", from: "value", to: "amount" }]);
    expect(JSON.stringify(renamed.blueprint)).toContain('"amount"');
    const removed = planOf(planFollowUp("remove the close date field from deals", CRM, blueprint));
    expect(removed.migration.operations).toEqual([{ op: "drop_column", table: "deals", column: "close_date" }]);
    expect(JSON.stringify(removed.blueprint)).not.toContain("close_date");
  });

  it("removes a page without creating or dropping anything", () => {
    for (const request of ["remove the deals page", "delete the deals page", "hide the deals screen"]) {
      const plan = planOf(planFollowUp(request, CRM, blueprint));
      expect(plan.migration.operations).toEqual([]);
      expect(plan.functions).toEqual([]);
      expect(pages(plan).p_deals).toBeUndefined();
      expect(JSON.stringify(plan.blueprint)).not.toContain('"to":"/deals"');
      expect(plan.summary).toMatch(/rows are kept/);
    }
  });

  it("never creates a table for a removal it cannot place", () => {
    const result = planFollowUp("delete the members page", CRM, blueprint);
    expect(result).toEqual({ declined: expect.stringMatching(/no "members" page/) });
  });

  it("removes a record type with its table, function, pages and the links to it", () => {
    const plan = planOf(planFollowUp("delete companies", CRM, blueprint));
    expect(plan.migration.operations).toEqual([{ op: "drop_table", table: "companies" }]);
    expect(plan.deletes).toEqual(["functions/companies.ts"]);
    expect(fieldsLine(plan, "contacts").map((f) => f.name)).not.toContain("company_id");
    expect(JSON.stringify(plan.blueprint)).not.toMatch(/"companies"|\/companies/);
  });

  it("makes a field required in the function and the forms", () => {
    const plan = planOf(planFollowUp("make email required on contacts", CRM, blueprint));
    expect(plan.migration.operations).toEqual([]);
    expect(fieldsLine(plan, "contacts").find((f) => f.name === "email")?.required).toBe(true);
    expect(JSON.stringify(pages(plan).p_contacts)).toContain('"name":"email","label":"Email","input":"email","required":true');
  });

  it("sorts a list, and says when a filter already exists", () => {
    const plan = planOf(planFollowUp("sort deals by close date, newest first", CRM, blueprint));
    expect(JSON.stringify(plan.blueprint)).toContain('"data":{"function":"deals","args":{"sort":"close_date","dir":"desc"}}');
    expect(planFollowUp("let me filter deals by stage", CRM, blueprint)).toEqual({ answer: expect.stringMatching(/already be filtered by stage/) });
  });

  it("extends a record type with more fields, keeping every field it had", () => {
    const orders = parseRequest("customers and orders; each order belongs to a customer. orders have total, status and order date");
    const plan = planOf(planFollowUp("orders with notes", orders, planBlueprint(orders)));
    expect(plan.migration.operations).toEqual([{ op: "add_column", table: "orders", column: expect.objectContaining({ name: "notes" }) }]);
    expect(fieldsLine(plan, "orders").map((f) => f.name)).toEqual(["total", "status", "order_date", "customer_id", "notes"]);
    expect(JSON.stringify(pages(plan).p_orders ?? pages(plan).home)).toMatch(/"total"[\s\S]*"status"[\s\S]*"order_date"[\s\S]*"notes"/);
  });

  it("adds a new record type beside the others", () => {
    const plan = planOf(planFollowUp("also track invoices with amount, due date and paid (yes/no); each invoice belongs to a company", CRM, blueprint));
    expect(plan.migration.operations[0]).toMatchObject({ op: "create_table", table: "invoices" });
    expect(plan.functions.map((f) => f.name)).toContain("invoices");
    expect(JSON.stringify(plan.blueprint)).toContain('"to":"/invoices"');
  });

  it("declines what it cannot do, saying what it can", () => {
    for (const request of ["make it blue", "add google login", "rename foo to bar"]) {
      const result = planFollowUp(request, CRM, blueprint);
      expect(result, request).toEqual({ declined: expect.stringMatching(/\S/) });
    }
    expect(planFollowUp("make it blue", CRM, blueprint)).toEqual({ declined: expect.stringContaining("I can add, rename or remove a field") });
  });
});
