import { describe, expect, it } from "vitest";
import { buildRuntimeAssets, headShellContent, renderAppShell } from "@/lib/bundler";
import { applyChanges } from "@/lib/workspace";
import { getDb } from "@/lib/db";
import { GET as componentRoute } from "@/app/apps-host/[slug]/[env]/myco-assets/c/[name]/route";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

type Scope = Awaited<ReturnType<typeof ownerScope>>;

const write = (scope: Scope, files: Record<string, string>) =>
  applyChanges(scope, { message: "test", changes: Object.entries(files).map(([path, content]) => ({ op: "write" as const, path, content, encoding: "utf8" as const })) }, log);

const component = (name: string) => `export default function ${name}() {\n  return <p>${name}</p>;\n}\n`;
const page = (title: string, name: string) => ({ title, body: { id: "root", type: "stack", children: [{ id: "slot", type: "component", name }] } });
// "/" is declared second: the landing page is the one "/" shows, not the first declared.
const twoPages = { version: 1, name: "Two pages", routes: [{ path: "/reports", page: "reports" }, { path: "/", page: "home" }], pages: { home: page("Home", "Alpha"), reports: page("Reports", "Beta") } };

async function shellOf(scope: Scope) {
  const content = await headShellContent(scope);
  const { html, headers } = await renderAppShell(content);
  const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const boot = JSON.parse(/<script id="myco-boot" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null");
  return { html, headers, preloads, boot, components: content.components };
}

describe("a hosted app page", () => {
  it("preloads the runtime, the React modules it imports, and the components of the landing page only", async () => {
    const scope = await ownerScope("Preload");
    await write(scope, { "components/Alpha.tsx": component("Alpha"), "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(twoPages) });
    const { html, headers, preloads, components } = await shellOf(scope);
    const assets = await buildRuntimeAssets();
    expect(components.Alpha).toMatch(/^\/_myco\/a\/mfe\//);
    expect(preloads).toContain(components.Alpha);
    expect(preloads).not.toContain(components.Beta);
    expect(preloads[0]).toBe(assets.runtimeUrl);
    for (const spec of ["react", "react/jsx-runtime", "react-dom/client"]) expect(preloads, spec).toContain(assets.importMap[spec]);
    // No landing component imports the SDK: nobody would run it.
    expect(preloads).not.toContain(assets.importMap["@myco/sdk"]);
    // React's core, which its facades all import, is preloaded too, so nothing waits a round trip per import
    // level; then the landing components. The runtime starts from one module of its own.
    const isMapped = (url: string | undefined) => url === assets.runtimeUrl || Object.values(assets.importMap).includes(url ?? "");
    const runtimeModules = assets.runtimePreloadUrls.filter((url) => !isMapped(url));
    expect(runtimeModules).toHaveLength(1);
    expect(preloads.filter((url) => !isMapped(url))).toEqual([...runtimeModules, components.Alpha]);
    // The stylesheet before anything runs, and the theme's variables with it.
    expect(html).toContain(`<link rel="stylesheet" href="${assets.stylesheetUrl}">`);
    expect(html).toMatch(/<style>:root\{--myco-primary:#4f46e5;/);
    expect(preloads.length).toBe(new Set(preloads).size);
    // Same-origin paths only, so the CSP's script-src 'self' allows every one; all after the import map.
    for (const url of preloads) expect(url).toMatch(/^\/_myco\/a\/(vendor|mfe)\/[0-9a-f]{64}\.js$/);
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-[^']+'(;|$)/);
    expect(html.indexOf('rel="modulepreload"')).toBeGreaterThan(html.indexOf('<script type="importmap">'));
  }, 120_000);

  it("preloads the SDK when a landing component imports it", async () => {
    const scope = await ownerScope("Preload SDK");
    const caller = 'import { navigate } from "@myco/sdk";\nexport default function Alpha() {\n  return <button onClick={() => navigate("/reports")}>Go</button>;\n}\n';
    await write(scope, { "components/Alpha.tsx": caller, "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(twoPages) });
    const { preloads, components } = await shellOf(scope);
    const sdk = (await buildRuntimeAssets()).importMap["@myco/sdk"];
    expect(preloads).toContain(sdk);
    expect(preloads.indexOf(sdk)).toBeLessThan(preloads.indexOf(components.Alpha));
  }, 120_000);

  it("preloads no component when the landing page places none", async () => {
    const scope = await ownerScope("No preload");
    const plain = { ...twoPages, pages: { ...twoPages.pages, home: { title: "Home", body: { id: "root", type: "text", text: "hi" } } } };
    await write(scope, { "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(plain) });
    const { preloads, components } = await shellOf(scope);
    expect(preloads).toEqual((await buildRuntimeAssets()).runtimePreloadUrls);
    expect(preloads).not.toContain(components.Beta);
  }, 120_000);

  it("boots the runtime with the blueprint validated on the server, defaults filled in", async () => {
    const scope = await ownerScope("Validated");
    await write(scope, { "components/Alpha.tsx": component("Alpha"), "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(twoPages) });
    const { boot } = await shellOf(scope);
    expect(boot.env).toBe("dev");
    expect(boot.errors).toBeUndefined();
    expect(boot.blueprint.theme).toEqual({ primaryColor: "#4f46e5", radius: "md", font: "system" });
    expect(boot.blueprint.pages.home.body.children[0].props).toEqual({});
  }, 120_000);

  it("boots the runtime with an invalid blueprint's problems and paths, and app.json that is not JSON as one problem", async () => {
    const scope = await ownerScope("Invalid");
    await write(scope, { "app.json": JSON.stringify({ ...twoPages, routes: [{ path: "/", page: "missing" }] }) });
    const invalid = await shellOf(scope);
    expect(invalid.boot.blueprint).toBeUndefined();
    expect(invalid.boot.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "routes[0].page" })]));
    expect(invalid.preloads).toEqual((await buildRuntimeAssets()).runtimePreloadUrls);
    await write(scope, { "app.json": '{\n  "version": 1,\n  oops\n}\n' });
    const notJson = await shellOf(scope);
    expect(notJson.boot.errors).toEqual([{ path: "", message: expect.stringMatching(/^app\.json is not valid JSON: .* at line 3, column 3$/) }]);
    expect(notJson.html).toContain("<title>Myco app</title>");
  }, 120_000);

  it("waits only for the first page's components: the dev page names the others by a URL that builds them when asked", async () => {
    const scope = await ownerScope("On request");
    await write(scope, { "components/Alpha.tsx": component("Alpha"), "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(twoPages) });
    const { components } = await shellOf(scope);
    expect(components.Alpha).toMatch(/^\/_myco\/a\/mfe\/[0-9a-f]{64}\.js$/);
    expect(components.Beta).toBe("/_myco/c/Beta");
    const slug = (await (await getDb()).project.findUniqueOrThrow({ where: { id: scope.projectId } })).slug;
    const ask = (env: string, name: string) =>
      componentRoute(new Request(`http://${slug}.apps.localhost:3000/_myco/c/${name}`), { params: Promise.resolve({ slug, env, name }) });
    const built = await ask("dev", "Beta");
    expect(built.status).toBe(302);
    expect(built.headers.get("location")).toMatch(/^\/_myco\/a\/mfe\/[0-9a-f]{64}\.js$/);
    // A release names its bundles: nothing is built on request there; unknown and malformed names are refused.
    expect((await ask("prod", "Beta")).status).toBe(404);
    expect((await ask("dev", "Gamma")).status).toBe(404);
    expect((await ask("dev", "../x")).status).toBe(400);
  }, 120_000);

  it("renders each version's page once: a large blueprint is validated once, not on every visit", async () => {
    const scope = await ownerScope("Kept shell");
    await write(scope, { "components/Alpha.tsx": component("Alpha"), "components/Beta.tsx": component("Beta"), "app.json": JSON.stringify(twoPages) });
    const content = await headShellContent(scope);
    expect(content.version).toMatch(new RegExp(`^${scope.projectId}@[0-9a-f]{40}$`));
    const first = await renderAppShell(content);
    expect(await renderAppShell({ ...content, blueprint: structuredClone(content.blueprint) })).toBe(first);
    // Another environment, other bundles or no version at all render afresh.
    expect(await renderAppShell({ ...content, env: "staging" })).not.toBe(first);
    expect(await renderAppShell({ ...content, components: { ...content.components, Beta: "/_myco/c/Beta2" } })).not.toBe(first);
    const { version: _version, ...unnamed } = content;
    expect(await renderAppShell(unnamed)).not.toBe(first);
  }, 120_000);
});
