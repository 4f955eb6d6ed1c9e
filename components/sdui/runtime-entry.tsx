// The hosted app's runtime: esbuild bundles this file into runtime.js (React comes from the page's
// import map). The page boots it from <script id="myco-boot" type="application/json">; no inline script
// is needed, so the page's CSP can forbid them.
import { createRoot } from "react-dom/client";
import { BOOT_ELEMENT_ID, errorMessage, readBootManifest } from "@/lib/sdui/client";
import { App } from "./app";
import { installPrimitiveLoaders, preloadForPath } from "./lazy-primitives";
import { createParentPoster, type ParentPoster } from "./parent-poster";
import { PRIMITIVE_LOADERS } from "./primitive-loaders";

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
  // The error pages are a module of their own: a page that starts never downloads them. The IDE is told first.
  if (!boot.ok) {
    post(errorMessage({ message: boot.message }));
    const { BootErrorPage } = await import("./error-page");
    return root.render(<BootErrorPage message={boot.message} />);
  }
  const manifest = boot.manifest;
  if ("errors" in manifest) {
    const summary = manifest.errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ");
    post(errorMessage({ message: `app.json is invalid: ${summary}` }));
    const { BlueprintErrorPage } = await import("./error-page");
    return root.render(<BlueprintErrorPage errors={manifest.errors} />);
  }
  // The builder's preview swaps edited components in; no other page loads the code that listens for it.
  if (manifest.env === "dev" && window.parent !== window) void import("./hot-listener").then((hot) => hot.listenForHotSwaps(manifest.env));
  await preloadForPath(manifest.blueprint, location.pathname);
  root.render(<App blueprint={manifest.blueprint} components={manifest.components} env={manifest.env} post={post} bootMs={bootMs} />);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start(), { once: true });
else void start();
