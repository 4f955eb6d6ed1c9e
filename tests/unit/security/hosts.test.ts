import { describe, expect, it } from "vitest";
import { appOrigin, classifyHost } from "@/lib/security";

describe("classifyHost (defaults: IDE localhost:3000, apps {slug}.apps.localhost:3000)", () => {
  it.each([
    ["localhost:3000", { kind: "ide" }],
    ["LOCALHOST:3000", { kind: "ide" }],
    ["todo.apps.localhost:3000", { kind: "app", slug: "todo", env: "dev" }],
    ["my-crm--prod.apps.localhost:3000", { kind: "app", slug: "my-crm", env: "prod" }],
    ["my-crm--staging.apps.localhost:3000", { kind: "app", slug: "my-crm", env: "staging" }],
    ["127.0.0.1:3000", { kind: "unknown" }],
    ["localhost:3001", { kind: "unknown" }],
    ["evil.com", { kind: "unknown" }],
    ["a.b.apps.localhost:3000", { kind: "unknown" }],
    ["x--qa.apps.localhost:3000", { kind: "unknown" }],
    [".apps.localhost:3000", { kind: "unknown" }],
    ["todo.apps.localhost:3000.evil.com", { kind: "unknown" }],
  ])("%s → %j", (host, expected) => {
    expect(classifyHost(host)).toEqual(expected);
  });

  it("builds each environment's origin", () => {
    expect(appOrigin("todo")).toBe("http://todo.apps.localhost:3000");
    expect(appOrigin("todo", "prod")).toBe("http://todo--prod.apps.localhost:3000");
  });
});
