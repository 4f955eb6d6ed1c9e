import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildAllComponents, buildComponent, buildRuntimeAssets, headShellContent, readArtifact, renderAppShell } from "@/lib/bundler";
import { applyChanges, readFile } from "@/lib/workspace";
import { log } from "@/lib/log";
import { GET as assetRoute } from "@/app/apps-host/[slug]/[env]/myco-assets/a/[...key]/route";
import { getDb } from "@/lib/db";
import { ownerScope } from "@/tests/support/scope";

const write = (scope: Awaited<ReturnType<typeof ownerScope>>, files: Record<string, string>) =>
  applyChanges(scope, { message: "test", changes: Object.entries(files).map(([path, content]) => ({ op: "write" as const, path, content, encoding: "utf8" as const })) }, log);

describe("micro-frontends and the hosted runtime", () => {
  it("builds one shared React, the SDK and the runtime from local packages, once", async () => {
    const assets = await buildRuntimeAssets();
    expect(Object.keys(assets.importMap).sort()).toEqual(["@myco/runtime", "@myco/sdk", "react", "react-dom", "react-dom/client", "react/jsx-runtime"]);
    // The runtime's lazily loaded modules import what they share with it by name, from the one instance the page runs.
    expect(assets.importMap["@myco/runtime"]).toBe(assets.runtimeUrl);
    for (const url of [...Object.values(assets.importMap), assets.runtimeUrl]) expect(url).toMatch(/^\/_myco\/a\/vendor\/[0-9a-f]{64}\.js$/);
    expect(assets.stylesheetUrl).toMatch(/^\/_myco\/a\/vendor\/[0-9a-f]{64}\.css$/);
    expect((await readArtifact(assets.stylesheetUrl.replace("/_myco/a/", "")))?.toString()).toContain(".myco-page{");
    const runtime = (await readArtifact(assets.runtimeUrl.replace("/_myco/a/", "")))?.toString() ?? "";
    expect(runtime).not.toContain("react.production");
    expect(runtime).toMatch(/from\s*"react"/);
    expect(await buildRuntimeAssets()).toBe(await buildRuntimeAssets());
  }, 60_000);

  it("bundles a component with React external and adds a missing npm package to package.json", async () => {
    const scope = await ownerScope("Mfe");
    await write(scope, {
      "components/Badge.tsx": 'import clsx from "clsx";\nimport styles from "./Badge.css";\nexport { styles };\nexport default function Badge({ on }: { on?: boolean }) {\n  return <span className={clsx("badge", on && "on")}>badge</span>;\n}\n',
      "components/Badge.css": ".badge { color: rebeccapurple; }\n",
    });
    const built = await buildComponent(scope, "Badge", log);
    expect(built.url).toMatch(/^\/_myco\/a\/mfe\/[0-9a-f]{64}\.js$/);
    const code = (await readArtifact(built.url.replace("/_myco/a/", "")))?.toString() ?? "";
    expect(code).toContain("rebeccapurple");
    expect(code).toMatch(/from\s*"react\/jsx-runtime"/);
    expect(JSON.parse((await readFile(scope, "package.json")).content).dependencies).toHaveProperty("clsx");
  }, 120_000);

  it("keeps each component's build errors with file, line and column while the others build", async () => {
    const scope = await ownerScope("Broken");
    await write(scope, { "components/Broken.tsx": "export default function Broken() {\n  return <div>;\n}\n" });
    const statuses = await buildAllComponents(scope);
    expect(statuses.find((s) => s.name === "Welcome")).toMatchObject({ ok: true });
    const broken = statuses.find((s) => s.name === "Broken");
    expect(broken).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ file: "components/Broken.tsx", line: 3, column: 1 })]) });
  });

  it("serves on an app's origin only its own component bundles and the shared vendor modules", async () => {
    const [a, b] = [await ownerScope("Asset owner"), await ownerScope("Asset neighbour")];
    await write(a, { "components/Secret.tsx": `export default function Secret() {\n  return <p>only on ${a.projectId}'s origin</p>;\n}\n` });
    const own = await buildComponent(a, "Secret");
    const slugOf = async (projectId: string) => (await (await getDb()).project.findUniqueOrThrow({ where: { id: projectId } })).slug;
    const asset = async (projectId: string, url: string) => {
      const params = { slug: await slugOf(projectId), env: "dev", key: url.replace("/_myco/a/", "").split("/") };
      return assetRoute(new Request(`http://x.apps.localhost:3000${url}`), { params: Promise.resolve(params) });
    };
    expect((await asset(a.projectId, own.url)).status).toBe(200);
    const foreign = await asset(b.projectId, own.url);
    expect(foreign.status).toBe(404);
    const { runtimeUrl, stylesheetUrl } = await buildRuntimeAssets();
    const runtime = await asset(b.projectId, runtimeUrl);
    expect(runtime.status).toBe(200);
    expect(runtime.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    // The runtime's stylesheet is a vendor asset too, served as CSS; a component is only ever JavaScript.
    const stylesheet = await asset(b.projectId, stylesheetUrl);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await stylesheet.text()).toContain(".myco-page{");
    expect((await asset(a.projectId, own.url.replace(/\.js$/, ".css"))).status).toBe(400);
  });

  it("renders an HTML shell whose CSP allows exactly its import map, and escapes the boot data", async () => {
    const scope = await ownerScope("Shell");
    await write(scope, { "app.json": JSON.stringify({ version: 1, name: "</script><script>alert(1)</script>", routes: [{ path: "/", page: "home" }], pages: { home: { title: "x", body: { id: "root", type: "text", text: "hi" } } } }) });
    const shell = await renderAppShell(await headShellContent(scope));
    const map = /<script type="importmap">(.*?)<\/script>/.exec(shell.html)?.[1] ?? "";
    expect(shell.headers["content-security-policy"]).toContain(`'sha256-${createHash("sha256").update(map).digest("base64")}'`);
    expect(shell.headers["content-security-policy"]).toContain("frame-ancestors http://localhost:3000");
    expect(shell.html).not.toContain("<script>alert(1)</script>");
    // Not on the first page: built when a page asks for it.
    expect(shell.html).toContain('"Welcome":"/_myco/c/Welcome"');
  }, 60_000);
});
