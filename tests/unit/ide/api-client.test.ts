import { afterEach, describe, expect, it, vi } from "vitest";
import { api, apiUrl } from "@/components/ui/api-client";

type Sent = { url: string; init: RequestInit };

function answer(status: number, body?: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const projectId = "00000000-0000-4000-8000-000000000000";

describe("the IDE's typed API client", () => {
  it("fills params, encoding each catch-all segment on its own, and leaves unset query values out", () => {
    expect(apiUrl("GET", "/api/projects/{projectId}/files/{path}", { params: { projectId, path: ["src", "a b?.ts"] } }))
      .toBe(`/api/projects/${projectId}/files/src/a%20b%3F.ts`);
    expect(apiUrl("GET", "/api/projects/{projectId}/history", { params: { projectId }, query: { limit: 30, cursor: undefined } }))
      .toBe(`/api/projects/${projectId}/history?limit=30`);
  });

  it("sends the method and a JSON body, and answers the data", async () => {
    const sent = answer(200, { name: "API_KEY" });
    const result = await api("PUT", "/api/projects/{projectId}/secrets/{name}", { params: { projectId, name: "API_KEY" }, body: { value: "v" } });
    expect(result).toEqual({ ok: true, data: { name: "API_KEY" } });
    expect(sent[0]?.url).toBe(`/api/projects/${projectId}/secrets/API_KEY`);
    expect(sent[0]?.init).toMatchObject({ method: "PUT", body: JSON.stringify({ value: "v" }), headers: { "content-type": "application/json" } });
  });

  it("sends no body where the route takes none, and 204 is undefined data", async () => {
    const sent = answer(204);
    expect(await api("DELETE", "/api/tokens/{tokenId}", { params: { tokenId: projectId } })).toEqual({ ok: true, data: undefined });
    expect(sent[0]?.init.body).toBeUndefined();
  });

  it("turns an error answer into its code, message and field, and a bodiless one into internal", async () => {
    answer(409, { error: { code: "conflict", message: "name: taken", field: "name" } });
    expect(await api("POST", "/api/projects", { body: { name: "x" } })).toEqual({ ok: false, status: 409, error: { code: "conflict", message: "name: taken", field: "name" } });
    answer(502);
    expect(await api("GET", "/api/me")).toEqual({ ok: false, status: 502, error: { code: "internal", message: "Request failed (502)." } });
  });

  it("is checked against the routes' own schemas (tsc --noEmit reads these lines)", () => {
    const never = () => {
      // @ts-expect-error a field the body schema does not have
      void api("PUT", "/api/projects/{projectId}/secrets/{name}", { params: { projectId, name: "A" }, body: { nope: 1 } });
      // @ts-expect-error a method the path does not implement
      void api("POST", "/api/me");
      // @ts-expect-error a path that is not a route
      void api("GET", "/api/nowhere");
      // @ts-expect-error a missing path param
      void api("GET", "/api/projects/{projectId}", { params: {} });
    };
    expect(typeof never).toBe("function");
  });
});
