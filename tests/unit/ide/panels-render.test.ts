import { describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MembersPanel } from "@/components/ide/members-panel";
import { LatencyChart } from "@/components/ide/functions/latency-chart";
import { LimitsForm } from "@/components/ide/settings/limits-form";
import type { Invocation } from "@/components/ide/functions/functions-api";
import type { MemberView } from "@/lib/projects";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {} }) }));

const member = (userId: string, role: MemberView["role"]): MemberView => ({ userId, invitationId: null, email: `${userId}@example.test`, name: null, role, status: "active" });

function roleSelect(html: string, email: string): string {
  return new RegExp(`<select aria-label="Role of ${email}"[^>]*>`).exec(html)?.[0] ?? "";
}

describe("the members panel", () => {
  it("keeps the only owner from lowering their own role, and says why", () => {
    const html = renderToStaticMarkup(createElement(MembersPanel, { projectId: "p", members: [member("me", "owner"), member("ed", "editor")], canManage: true, currentUserId: "me" }));
    expect(roleSelect(html, "me@example.test")).toContain("disabled");
    expect(html).toContain("You are the only owner");
    expect(roleSelect(html, "ed@example.test")).not.toContain("disabled");
  });

  it("lets an owner change their role when another owner remains", () => {
    const html = renderToStaticMarkup(createElement(MembersPanel, { projectId: "p", members: [member("me", "owner"), member("co", "owner")], canManage: true, currentUserId: "me" }));
    expect(roleSelect(html, "me@example.test")).not.toContain("disabled");
    expect(html).not.toContain("You are the only owner");
  });
});

describe("the function limits table", () => {
  const settings = {
    limits: { cpuMs: 2000 },
    allowedHosts: [],
    defaults: { memoryMb: 64, cpuMs: 1000, wallMs: 10_000, maxResponseBytes: 1024 * 1024, maxLogBytes: 64 * 1024, maxConcurrent: 8 },
  };
  const props = { settings, busy: false, errors: {}, onSave() {}, onInvalid() {} };

  it("shows each limit's effective value beside its default, and an override only to owners", () => {
    const owner = renderToStaticMarkup(createElement(LimitsForm, { ...props, canEdit: true }));
    expect(owner).toMatch(/CPU time per call<\/th><td>2000 ms<span class="[^"]*"> \(set\)<\/span><\/td><td>1000 ms<\/td>/);
    expect(owner).toMatch(/Response size<\/th><td>1 MiB<\/td><td>1 MiB<\/td>/);
    expect(owner).toContain('aria-label="CPU time per call override (ms)"');
    const reader = renderToStaticMarkup(createElement(LimitsForm, { ...props, canEdit: false }));
    expect(reader).not.toContain("override");
    expect(reader).not.toContain("Save limits");
  });
});

describe("the latency chart", () => {
  it("draws one bar per invocation, failures apart, and states the figures in words", () => {
    const inv = (id: string, durationMs: number, status: "ok" | "error") => ({ id, durationMs, status, httpStatus: status === "ok" ? 200 : 504 }) as Invocation;
    const html = renderToStaticMarkup(createElement(LatencyChart, { invocations: [inv("c", 30, "error"), inv("b", 20, "ok"), inv("a", 10, "ok")] }));
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain("<title>30 ms, 504</title>");
    expect(html).toContain("Durations of the last 3 invocations: median 20 ms, p95 30 ms, slowest 30 ms.");
  });
});
