import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";
import { buildAllComponents } from "./build-component";
import { buildRuntimeAssets } from "./build-runtime";

/** A hosted app page: its HTML and the headers it must be served with. */
export type AppShell = { html: string; headers: Record<string, string> };

// JSON inside <script> must not be able to close the element or open a comment.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function blueprintOf(scope: TenantScope): Promise<unknown> {
  const file = await readFile(scope, "app.json").catch(() => null);
  if (!file) return null;
  try {
    return JSON.parse(file.content) as unknown;
  } catch {
    // The runtime shows an invalid blueprint as an error page with the problem, never a blank page.
    return { invalidJson: "app.json is not valid JSON" };
  }
}

/**
 * The HTML shell of an app's page at the workspace HEAD (dev): the import map (one shared React), the
 * boot data (blueprint and component bundle URLs) and the runtime. Its CSP allows only this origin's
 * scripts plus the import map (by hash), connections back to this origin (/_fn), and framing by the IDE.
 */
export async function renderAppShell(scope: TenantScope, env: "dev" | "staging" | "prod"): Promise<AppShell> {
  const [assets, blueprint, statuses] = await Promise.all([buildRuntimeAssets(), blueprintOf(scope), buildAllComponents(scope)]);
  const components = Object.fromEntries(statuses.flatMap((s) => (s.ok ? [[s.name, s.component.url]] : [])));
  const importMap = JSON.stringify({ imports: assets.importMap });
  const mapHash = createHash("sha256").update(importMap).digest("base64");
  const ideOrigin = getConfig().ideUrl.origin;
  const title = typeof blueprint === "object" && blueprint && "name" in blueprint && typeof blueprint.name === "string" ? blueprint.name : "Myco app";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="myco-ide-origin" content="${escapeHtml(ideOrigin)}">
<script type="importmap">${importMap}</script>
<script id="myco-boot" type="application/json">${scriptJson({ blueprint, components, env })}</script>
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
