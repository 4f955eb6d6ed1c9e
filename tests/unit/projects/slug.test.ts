import { describe, expect, it } from "vitest";
import { Slug, slugify } from "@/lib/projects";

describe("slugs", () => {
  it.each([
    ["Team CRM", "team-crm"],
    ["  Café — Orders!! ", "cafe-orders"],
    ["a".repeat(60), "a".repeat(32)],
  ])("derives %j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("falls back to a random slug when nothing usable remains", () => {
    expect(slugify("日本語")).toMatch(/^app-[0-9a-z]{4}$/);
    expect(slugify("admin")).toMatch(/^app-[0-9a-z]{4}$/);
  });

  it.each(["-x", "x-", "X", "a_b", "a--b", "www", "a".repeat(41), ""])("refuses %j", (s) => {
    expect(Slug.safeParse(s).success).toBe(false);
  });
});
