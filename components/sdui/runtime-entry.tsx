// The hosted app's runtime: esbuild bundles this file into runtime.js (React comes from the page's
// import map). The page boots it from <script id="myco-boot" type="application/json">; no inline script
// is needed, so the page's CSP can forbid them.
import { createRoot } from "react-dom/client";
import { BlueprintTextError, BOOT_ELEMENT_ID, BootManifest, errorMessage, formatPath, Theme, validateBlueprint, type BlueprintValidation } from "@/lib/sdui";
import { App } from "./app";
import { BlueprintErrorPage, BootErrorPage } from "./error-page";
import { createParentPoster, type ParentPoster } from "./parent-poster";
import { injectStyles } from "./styles";

// Taken when the module starts: the IDE's "boot" figure is navigation start to here.
const bootMs = performance.now();

function readBoot(): { ok: true; manifest: BootManifest } | { ok: false; message: string } {
  const text = document.getElementById(BOOT_ELEMENT_ID)?.textContent;
  if (!text) return { ok: false, message: `The page has no <script id="${BOOT_ELEMENT_ID}" type="application/json"> to start from.` };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, message: `The ${BOOT_ELEMENT_ID} script is not valid JSON.` };
  }
  const parsed = BootManifest.safeParse(json);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, message: `The ${BOOT_ELEMENT_ID} manifest is invalid: ${first ? `${formatPath(first.path)} ${first.message}` : "unknown problem"}.` };
}

function checkBlueprint(json: unknown): BlueprintValidation {
  const notJson = BlueprintTextError.safeParse(json);
  return notJson.success ? { ok: false, errors: [{ path: "", message: notJson.data.invalidJson }] } : validateBlueprint(json);
}

function rootElement(): HTMLElement {
  const existing = document.getElementById("root");
  if (existing) return existing;
  const created = document.createElement("div");
  created.id = "root";
  document.body.append(created);
  return created;
}

function start(): void {
  const post: ParentPoster = createParentPoster();
  const root = createRoot(rootElement());
  const boot = readBoot();
  if (!boot.ok) {
    injectStyles(Theme.parse({}));
    root.render(<BootErrorPage message={boot.message} />);
    return post(errorMessage({ message: boot.message }));
  }
  const validation = checkBlueprint(boot.manifest.blueprint);
  if (!validation.ok) {
    injectStyles(Theme.parse({}));
    root.render(<BlueprintErrorPage errors={validation.errors} />);
    const summary = validation.errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ");
    return post(errorMessage({ message: `app.json is invalid: ${summary}` }));
  }
  injectStyles(validation.blueprint.theme);
  root.render(<App blueprint={validation.blueprint} components={boot.manifest.components} env={boot.manifest.env} post={post} bootMs={bootMs} />);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
