import { describe, expect, it } from "vitest";
import { errorMessage, navigateMessage, ParentMessage, readyMessage, resolveIdeOrigin } from "@/lib/sdui";

describe("parent messages", () => {
  it("builds ready, error and navigate messages the IDE's schema accepts", () => {
    const ready = readyMessage("home", { bootMs: 12.345, firstRenderMs: 80.06 });
    expect(ready).toEqual({ source: "myco-runtime", type: "ready", page: "home", timings: { bootMs: 12.3, firstRenderMs: 80.1 } });
    const error = errorMessage({ nodeId: "chart", component: "TodoChart", message: "x".repeat(5000) });
    expect(error).toMatchObject({ source: "myco-runtime", type: "error", nodeId: "chart", component: "TodoChart" });
    expect(error.type === "error" && error.message).toHaveLength(1000);
    expect(errorMessage({ message: "boot failed" })).toEqual({ source: "myco-runtime", type: "error", message: "boot failed" });
    expect(navigateMessage("/todos/1")).toEqual({ source: "myco-runtime", type: "navigate", path: "/todos/1" });
    for (const m of [ready, error, navigateMessage("/")]) expect(ParentMessage.safeParse(m).success).toBe(true);
  });

  it("rejects messages that are not the runtime's", () => {
    expect(ParentMessage.safeParse({ source: "other", type: "ready" }).success).toBe(false);
    expect(ParentMessage.safeParse({ source: "myco-runtime", type: "eval", code: "x" }).success).toBe(false);
  });

  it("posts only to an explicit http(s) IDE origin, preferring ?ideOrigin= over the meta tag", () => {
    expect(resolveIdeOrigin("?ideOrigin=http%3A%2F%2Flocalhost%3A3000%2Fbuilder", "https://meta.example")).toBe("http://localhost:3000");
    expect(resolveIdeOrigin("", "https://ide.example.com")).toBe("https://ide.example.com");
    expect(resolveIdeOrigin("?ideOrigin=*", null)).toBeNull();
    expect(resolveIdeOrigin("?ideOrigin=javascript:alert(1)", "*")).toBeNull();
    expect(resolveIdeOrigin("", undefined)).toBeNull();
  });
});
