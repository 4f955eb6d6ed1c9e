import { describe, expect, it } from "vitest";
import { GET as headRoute } from "@/app/api/projects/[projectId]/head/route";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";
import { nextEventBlock } from "@/tests/support/sse";

describe("the workspace HEAD", () => {
  it("answers the current commit, and streams each new one once its builds have settled", async () => {
    const owner = await signUpUser("Head");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const before = await call(headRoute, { token: owner.token, params });
    expect(before.body.sha).toMatch(/^[0-9a-f]{40}$/);

    const controller = new AbortController();
    const req = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${owner.token}`, accept: "text/event-stream" }, signal: controller.signal });
    const res = await headRoute(req, { params: Promise.resolve(params) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const first = await nextEventBlock(reader);
    expect(first).toBe(`event: head\ndata: {"sha":"${before.body.sha}"}\n\n`);
    // A function's change is not hot-swapped into a page (tests/integration/bundler/hot-reload.test.ts): hot is false.
    const written = await putFile(owner, project.id, "functions/hello.ts", "export default function hello() { return 2; }\n");
    const next = await nextEventBlock(reader);
    controller.abort();
    expect(next).toBe(`event: commit\ndata: {"sha":"${written.body.commit.sha}","hot":false}\n\n`);
  });

  it("is not shown to someone outside the project", async () => {
    const owner = await signUpUser("HeadOwner");
    const stranger = await signUpUser("HeadStranger");
    const project = await createTestProject(owner);
    const res = await call(headRoute, { token: stranger.token, params: { projectId: project.id } });
    expect(res.status).toBe(404);
  });
});

describe("live streams", () => {
  it("are at most twenty open per user at once; closing one frees its place", async () => {
    const owner = await signUpUser("Streamer");
    const project = await createTestProject(owner);
    const open = () => {
      const controller = new AbortController();
      const req = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${owner.token}`, accept: "text/event-stream" }, signal: controller.signal });
      return { controller, res: headRoute(req, { params: Promise.resolve({ projectId: project.id }) }) };
    };
    const streams = [];
    for (let i = 0; i < 20; i++) {
      const s = open();
      expect((await s.res).status).toBe(200);
      streams.push(s);
    }
    const refused = open();
    expect(await (await refused.res).json()).toMatchObject({ error: { code: "rate_limited" } });
    const [first] = streams;
    first!.controller.abort();
    await (await first!.res).body?.cancel().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const again = open();
    expect((await again.res).status).toBe(200);
    for (const s of [...streams.slice(1), again]) s.controller.abort();
  });
});
