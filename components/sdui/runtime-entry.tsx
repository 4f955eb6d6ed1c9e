// The hosted app's runtime: esbuild bundles this file into runtime.js (React comes from the page's
// import map). The page boots it from <script id="myco-boot" type="application/json">; no inline script
// is needed, so the page's CSP can forbid them.
import { createRoot } from "react-dom/client";
import { BOOT_ELEMENT_ID, DEFAULT_THEME, errorMessage, readBootManifest } from "@/lib/sdui/client";
import { App } from "./app";
import { BlueprintErrorPage, BootErrorPage } from "./error-page";
import { installPrimitiveLoaders, preloadForPath } from "./lazy-primitives";
import { createParentPoster, type ParentPoster } from "./parent-poster";
import { PRIMITIVE_LOADERS } from "./primitive-loaders";
import { injectStyles } from "./styles";

installPrimitiveLoaders(PRIMITIVE_LOADERS);

// Taken when the module starts: the IDE's "boot" figure is navigation start to here.
const bootMs = performance.now();

function rootElement(): HTMLElement {
  const existing = document.getElementById("root");
  if (existing) return existing;
  const created = document.createElement("div");
  created.id = "root";
  document.body.append(created);
  return created;
}

async function start(): Promise<void> {
  const post: ParentPoster = createParentPoster();
  const root = createRoot(rootElement());
  // The server validated the blueprint (createBootManifest): the manifest holds it or its problems.
  const boot = readBootManifest(document.getElementById(BOOT_ELEMENT_ID)?.textContent);
  if (!boot.ok) {
    injectStyles(DEFAULT_THEME);
    root.render(<BootErrorPage message={boot.message} />);
    return post(errorMessage({ message: boot.message }));
  }
  const manifest = boot.manifest;
  if ("errors" in manifest) {
    injectStyles(DEFAULT_THEME);
    root.render(<BlueprintErrorPage errors={manifest.errors} />);
    const summary = manifest.errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ");
    return post(errorMessage({ message: `app.json is invalid: ${summary}` }));
  }
  injectStyles(manifest.blueprint.theme);
  await preloadForPath(manifest.blueprint, location.pathname);
  root.render(<App blueprint={manifest.blueprint} components={manifest.components} env={manifest.env} post={post} bootMs={bootMs} />);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start(), { once: true });
else void start();
