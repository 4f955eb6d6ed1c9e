import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { TenantScope } from "@/lib/auth";
import { BOOT_ELEMENT_ID, DEFAULT_THEME, createBootManifest, listComponents, matchRoute, themeCss, type BootManifest, type EnvName } from "@/lib/sdui";
import { getHeadSha, readFile } from "@/lib/workspace";
import { readArtifact } from "./artifacts";
import { buildComponent, COMPONENT_FILE } from "./build-component";
import { buildRuntimeAssets, type RuntimeAssets } from "./build-runtime";
import { headFiles } from "./head-files";
import { landingComponentNames } from "./landing-components";

/** A hosted app page: its HTML and the headers it must be served with. */
export type AppShell = { html: string; headers: Record<string, string> };

/**
 * What one version of an app's page is made of: its blueprint (as JSON, unchecked) and component bundle
 * URLs; `version` names content that never changes (a release, a commit), so its page is rendered once.
 */
export type ShellContent = { env: EnvName; blueprint: unknown; components: Record<string, string>; version?: string };

// JSON inside <script> must not be able to close the element or open a comment.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "line L, column C" of a character offset, both counted from 1. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** What JSON.parse found wrong, with where: V8 names a character offset ("at position N") or the end. */
function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/, ".*" is not valid JSON$/s, "") || "Unexpected text";
  return `${reason} at ${lineAndColumn(text, offset)}`;
}

/** The blueprint as JSON, or what the runtime shows for text that is not JSON (naming line and column). */
export function parseBlueprintText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // The page shows an invalid blueprint as an error page with the problem (createBootManifest), never a blank page.
    return { invalidJson: `app.json is not valid JSON: ${describeJsonError(text, err)}` };
  }
}

/** Where the dev app's page finds a component it does not show first: built when the browser first asks (myco-assets/c). */
export const componentOnRequestUrl = (name: string) => `/_myco/c/${name}`;

/**
 * The page at the workspace HEAD (dev, the preview): app.json as it is; the components the first page shows,
 * built (those that build); every other component at a URL that builds it when a page asks for it, so the
 * first page never waits for the others' builds.
 */
export async function headShellContent(scope: TenantScope): Promise<ShellContent> {
  const sha = await getHeadSha(scope);
  const [file, files] = await Promise.all([readFile(scope, "app.json").catch(() => null), headFiles(scope)]);
  const blueprint = file ? parseBlueprintText(file.content) : null;
  const names = [...files].flatMap((path) => COMPONENT_FILE.exec(path)?.[1] ?? []);
  const first = new Set(landingComponentNames(blueprint));
  const built = await Promise.all(names.filter((name) => first.has(name)).map((name) => buildComponent(scope, name).then((c) => [[name, c.url]], () => [])));
  const components = Object.fromEntries([...names.filter((name) => !first.has(name)).map((name) => [name, componentOnRequestUrl(name)]), ...built.flat()]);
  // Named for its commit only if HEAD did not move while it was read.
  const version = (await getHeadSha(scope)) === sha ? `${scope.projectId}@${sha}` : undefined;
  return { env: "dev", blueprint, components, ...(version && { version }) };
}

// The bundles of the components on the page a visit to the app's root shows ("/", else the first route's):
// worth fetching before the runtime asks for them; other pages load theirs when visited. Only this origin's
// URLs, which the CSP's script-src 'self' lets a modulepreload fetch.
function landingComponentUrls(boot: BootManifest): string[] {
  if (!("blueprint" in boot)) return [];
  const { blueprint } = boot;
  const pageId = matchRoute(blueprint.routes, "/")?.page ?? blueprint.routes[0]?.page;
  const urls = pageId === undefined ? [] : listComponents(blueprint, pageId).flatMap((name) => boot.components[name] ?? []);
  return urls.filter((url) => url.startsWith("/") && !url.startsWith("//"));
}

// A component bundle names the SDK by its specifier (esbuild keeps an external import as written); a
// component not built yet, or one that does not import it, does not get it preloaded.
async function importsSdk(urls: string[]): Promise<boolean> {
  const bundles = await Promise.all(urls.map((url) => (url.startsWith("/_myco/a/") ? readArtifact(url.slice("/_myco/a/".length)) : null)));
  return bundles.some((code) => code?.includes('"@myco/sdk"'));
}

// The runtime's own modules always; with components on the landing page, also their bundles and, if one
// imports it, the SDK (through the import map, like React, which the runtime preloads anyway).
async function preloadUrls(assets: RuntimeAssets, boot: BootManifest): Promise<string[]> {
  const landing = landingComponentUrls(boot);
  const sdk = assets.importMap["@myco/sdk"];
  const forComponents = sdk !== undefined && (await importsSdk(landing)) ? [sdk, ...landing] : landing;
  return [...new Set([...assets.runtimePreloadUrls, ...forComponents])];
}

/**
 * The HTML shell of one version of an app's page: the import map (one shared React), the boot data (the
 * blueprint validated here, or its problems, and component bundle URLs), modulepreload hints and the
 * runtime. Its CSP allows only this origin's scripts plus the import map (by hash), connections back to
 * this origin (/_fn), and framing by the IDE.
 */
export async function renderAppShell(content: ShellContent): Promise<AppShell> {
  const key = content.version && `${content.env}\n${content.version}\n${JSON.stringify(content.components)}`;
  const kept = key ? shells.get(key) : undefined;
  if (kept) return kept;
  const shell = await render(content);
  if (key) keepShell(key, shell);
  return shell;
}

// Rendering validates the blueprint, which a tenant may make megabytes large (~100 ms of the server's one
// thread for 1 MB): each version's page is rendered once, and kept while the pages kept stay under a budget.
const SHELL_BUDGET_CHARS = 32 * 1024 * 1024;
const shells = new Map<string, AppShell>();
let shellChars = 0;

function keepShell(key: string, shell: AppShell): void {
  if (shell.html.length > SHELL_BUDGET_CHARS / 4) return;
  shells.set(key, shell);
  shellChars += shell.html.length;
  for (const [oldest, old] of shells) {
    if (shellChars <= SHELL_BUDGET_CHARS) break;
    shells.delete(oldest);
    shellChars -= old.html.length;
  }
}

async function render({ env, blueprint, components }: ShellContent): Promise<AppShell> {
  const assets = await buildRuntimeAssets();
  const boot = createBootManifest({ env, blueprint, components });
  const importMap = JSON.stringify({ imports: assets.importMap });
  const mapHash = createHash("sha256").update(importMap).digest("base64");
  const ideOrigin = getConfig().ideUrl.origin;
  const title = typeof blueprint === "object" && blueprint && "name" in blueprint && typeof blueprint.name === "string" ? blueprint.name : "Myco app";
  // After the import map: a module fetched before it would resolve bare specifiers without it.
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="myco-ide-origin" content="${escapeHtml(ideOrigin)}">
<link rel="stylesheet" href="${assets.stylesheetUrl}">
<style>${themeCss("blueprint" in boot ? boot.blueprint.theme : DEFAULT_THEME)}</style>
<script type="importmap">${importMap}</script>
${(await preloadUrls(assets, boot)).map((url) => `<link rel="modulepreload" href="${escapeHtml(url)}">`).join("\n")}
<script id="${BOOT_ELEMENT_ID}" type="application/json">${scriptJson(boot)}</script>
<script type="module" src="${assets.runtimeUrl}"></script>
</head><body><div id="root"></div></body></html>`;
  const csp = [
    "default-src 'self'", `script-src 'self' 'sha256-${mapHash}'`, "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob: https:",
    "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", `frame-ancestors ${ideOrigin}`,
  ].join("; ");
  return {
    html,
    headers: {
      "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": csp,
      "cross-origin-resource-policy": "same-site", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
      "permissions-policy": "camera=(), microphone=(), geolocation=(), usb=()",
    },
  };
}
