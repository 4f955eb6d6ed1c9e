import { describe, expect, it } from "vitest";
import { GET as headRoute } from "@/app/api/projects/[projectId]/head/route";
import { authorize, authorizeApp, type ProjectScope } from "@/lib/auth";
import { buildComponent, componentContextStats, readAppAsset, readArtifact } from "@/lib/bundler";
import { compileComponent, MAX_CONTEXTS_PER_PROJECT, MAX_LIVE_CONTEXTS } from "@/lib/bundler/component-contexts";
import { headFiles } from "@/lib/bundler/head-files";
import { isHotBundle } from "@/lib/bundler/hot-components";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { applyChanges, settleCommitWork } from "@/lib/workspace";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

type Event = { event: string; data: any; at: number };

// A project's preview stream, read event by event (a chunk may carry several).
function openStream(user: TestUser, projectId: string) {
  const controller = new AbortController();
  const req = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${user.token}`, accept: "text/event-stream" }, signal: controller.signal });
  const response = headRoute(req, { params: Promise.resolve({ projectId }) });
  const queue: Event[] = [];
  let text = "";
  const reader = response.then((res) => res.body!.getReader());
  const reading = (async () => {
    for (;;) {
      const { value, done } = await (await reader).read();
      if (done) return;
      text += new TextDecoder().decode(value);
      const blocks = text.split("\n\n");
      text = blocks.pop() ?? "";
      for (const block of blocks.filter((b) => !b.startsWith(":"))) {
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
        queue.push({ event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null"), at: performance.now() });
      }
    }
  })();
  return {
    /** The next event, waiting for it. */
    async next(): Promise<Event> {
      for (const started = performance.now(); queue.length === 0; ) {
        if (performance.now() - started > 20_000) throw new Error("no event within 20 s");
        await new Promise((r) => setTimeout(r, 5));
      }
      return queue.shift()!;
    },
    /** Every event up to and including the next commit. */
    async untilCommit(): Promise<Event[]> {
      const seen: Event[] = [];
      do seen.push(await this.next());
      while (seen.at(-1)!.event !== "commit");
      return seen;
    },
    pending: () => queue.length,
    // The client going away: the server ends its listening, and the body is cancelled as a browser would.
    close: async () => {
      controller.abort();
      await (await reader).cancel();
      await reading;
    },
  };
}

const counter = (label: string) => `import { useState } from "react";
export default function Counter() {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>${label} {n}</button>;
}
`;

const welcome = (text: string) => ({
  message: "Edit Welcome",
  changes: [{ op: "write" as const, path: "components/Welcome.tsx", content: `export default function Welcome() { return <p>${text}</p>; }\n`, encoding: "utf8" as const }],
});

const bundleAt = async (url: string) => (await readArtifact(url.replace("/_myco/a/", "")))?.toString() ?? "";

describe("hot component reload", () => {
  it("announces an edited component's new bundle before its commit, reusing the kept context, and errors without a URL", async () => {
    const owner = await signUpUser("Hot");
    const project = await createTestProject(owner);
    const neighbour = await createTestProject(owner, "Neighbour");
    const stream = openStream(owner, project.id);
    const other = openStream(owner, neighbour.id);
    expect((await stream.next()).event).toBe("head");
    expect((await other.next()).event).toBe("head");
    expect((await putFile(owner, project.id, "components/Counter.tsx", counter("first"))).status).toBe(200);
    await stream.untilCommit();

    const before = componentContextStats();
    const started = performance.now();
    const written = await putFile(owner, project.id, "components/Counter.tsx", counter("second"));
    const swap = await stream.next();
    expect(swap).toMatchObject({ event: "component", data: { name: "Counter", url: expect.stringMatching(/^\/_myco\/a\/mfe\/[0-9a-f]{64}\.js$/) } });
    // The preview imports it at once, before the commit's build registers it: the project's own origin serves
    // it from then on, and no other project's origin does.
    const key = swap.data.url.replace("/_myco/a/", "");
    expect(isHotBundle(project.id, key.slice(4, -3))).toBe(true);
    expect((await readAppAsset(await authorizeApp(project.slug, "dev"), key))?.toString()).toContain("second");
    expect(await readAppAsset(await authorizeApp(neighbour.slug, "dev"), key)).toBeNull();
    const [commit, ...rest] = await stream.untilCommit();
    expect(rest).toEqual([]);
    expect(await bundleAt(swap!.data.url)).toContain("second");
    expect(commit).toMatchObject({ event: "commit", data: { sha: written.body.commit.sha, hot: true } });
    process.stdout.write(`hot path: PUT → component event ${(swap!.at - started).toFixed(1)} ms, PUT → commit event ${(commit!.at - started).toFixed(1)} ms\n`);
    const after = componentContextStats();
    expect(after.created).toBe(before.created);
    expect(after.rebuilds).toBeGreaterThan(before.rebuilds);
    // The registry row follows with the commit's build, for the same bytes.
    const version = await (await getDb()).mfeVersion.findFirst({ where: { projectId: project.id, name: "Counter", commitSha: written.body.commit.sha } });
    expect(`/_myco/a/${version?.artifactKey}`).toBe(swap!.data.url);

    await putFile(owner, project.id, "components/Counter.tsx", "export default function Counter() {\n  return <div>;\n}\n");
    const [broken, brokenCommit] = await stream.untilCommit();
    expect(broken).toMatchObject({ event: "component", data: { name: "Counter", errors: expect.arrayContaining([expect.objectContaining({ file: "components/Counter.tsx", line: 3 })]) } });
    expect(broken!.data).not.toHaveProperty("url");
    expect(brokenCommit).toMatchObject({ event: "commit", data: { hot: false } });

    // The neighbour's stream got none of it: its next event is its own commit.
    await putFile(owner, neighbour.id, "functions/hello.ts", "export default function hello() { return 1; }\n");
    expect(await other.next()).toMatchObject({ event: "commit", data: { hot: false } });
    await Promise.all([stream.close(), other.close()]);
  }, 60_000);

  it("rebuilds the components that import a shared file, starts afresh on a new tsconfig, and reloads for app.json", async () => {
    const owner = await signUpUser("HotShared");
    const project = await createTestProject(owner);
    const stream = openStream(owner, project.id);
    await stream.next();
    await putFile(owner, project.id, "lib/label.ts", 'export const label = "one";\n');
    await stream.untilCommit();
    await putFile(owner, project.id, "components/Tag.tsx", 'import { label } from "../lib/label";\nexport default function Tag() {\n  return <b>{label}</b>;\n}\n');
    expect((await stream.untilCommit()).at(-1)?.data.hot).toBe(true);
    await putFile(owner, project.id, "lib/label.ts", 'export const label = "two";\n');
    const [swap, commit] = await stream.untilCommit();
    expect(swap).toMatchObject({ event: "component", data: { name: "Tag" } });
    expect(await bundleAt(swap!.data.url)).toContain("two");
    expect(commit?.data.hot).toBe(true);
    // Another tsconfig changes how every file compiles: the next build makes its context afresh.
    const before = componentContextStats();
    await putFile(owner, project.id, "tsconfig.json", '{ "compilerOptions": { "useDefineForClassFields": false } }');
    await stream.untilCommit();
    expect(componentContextStats().created).toBeGreaterThan(before.created);
    await putFile(owner, project.id, "app.json", '{"version":1,"name":"x","routes":[{"path":"/","page":"home"}],"pages":{"home":{"title":"x","body":{"id":"root","type":"text","text":"hi"}}}}');
    expect(await stream.untilCommit()).toEqual([expect.objectContaining({ event: "commit", data: expect.objectContaining({ hot: false }) })]);
    await stream.close();
  }, 60_000);

  it(`keeps at most ${MAX_LIVE_CONTEXTS} contexts, disposing the least recently built`, async () => {
    // A user may create 20 projects an hour: the N+1 projects are spread over a few owners.
    const scopes: ProjectScope[] = [];
    while (scopes.length <= MAX_LIVE_CONTEXTS) {
      const owner = await signUpUser("HotMany");
      const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: owner.id } });
      for (let i = 0; i < 15 && scopes.length <= MAX_LIVE_CONTEXTS; i++) {
        const project = await createTestProject(owner, `Many ${scopes.length}`);
        scopes.push(await authorize({ userId: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, via: "token" }, project.id, "owner"));
      }
    }
    // Each new project's first commit builds its Welcome in the background; then, oldest first, again.
    for (const scope of scopes) await settleCommitWork(scope.projectId);
    for (const scope of scopes) await buildComponent(scope, "Welcome");
    const after = componentContextStats();
    expect(after.live).toBe(MAX_LIVE_CONTEXTS);
    expect(after.disposed).toBeGreaterThanOrEqual(1);
    // The oldest was disposed: building it again makes a context afresh; the newest is still kept.
    await applyChanges(scopes[0]!, welcome("again"), log);
    await buildComponent(scopes[0]!, "Welcome");
    expect(componentContextStats().created).toBe(after.created + 1);
    await applyChanges(scopes.at(-1)!, welcome("kept"), log);
    await buildComponent(scopes.at(-1)!, "Welcome");
    expect(componentContextStats().created).toBe(after.created + 1);
    expect(componentContextStats().live).toBe(MAX_LIVE_CONTEXTS);
  }, 120_000);

  it(`keeps at most ${MAX_CONTEXTS_PER_PROJECT} contexts of one project, so one tenant cannot hold them all`, async () => {
    const owner = await signUpUser("HotCap");
    const project = await createTestProject(owner);
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: owner.id } });
    const scope = await authorize({ userId: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, via: "token" }, project.id, "owner");
    const names = Array.from({ length: MAX_CONTEXTS_PER_PROJECT + 2 }, (_, i) => `Part${i}`);
    const changes = names.map((name) => ({ op: "write" as const, path: `components/${name}.tsx`, content: `export default function ${name}() { return <p>${name}</p>; }\n`, encoding: "utf8" as const }));
    await applyChanges(scope, { message: "Parts", changes }, log);
    await settleCommitWork(project.id);
    const files = await headFiles(scope);
    for (const name of names) await compileComponent(scope, name, files);
    const after = componentContextStats();
    // The newest is kept; the project's oldest two were disposed, so building the first again makes one afresh.
    await compileComponent(scope, names.at(-1)!, files);
    expect(componentContextStats().created).toBe(after.created);
    await compileComponent(scope, names[0]!, files);
    expect(componentContextStats().created).toBe(after.created + 1);
  }, 60_000);
});
