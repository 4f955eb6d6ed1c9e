// Loaded by the runtime only in the dev app inside a frame (the builder's preview): no other page
// downloads the code that listens for the builder's hot swaps.
import { resolveIdeOrigin } from "@/lib/sdui/client";
import { swapMounted } from "./hot-swap";
import { swapMfe } from "./mfe-loader";

/** The builder's word that a component has a new bundle: swap it into every mounted instance. */
export type HotMessage = { type: "myco:hot"; name: string; url: string };

/** What the page knows of itself to judge a message by: its own window, its parent, the IDE's origin, its environment. */
export type HotPage = { self: unknown; parent: unknown; ideOrigin: string | null; env: string | null };

const COMPONENT_NAME = /^[A-Z][A-Za-z0-9]{0,63}$/;
// A component bundle on this app's own origin, as a path: never a URL that could name another host.
const BUNDLE_PATH = /^\/_myco\/a\/mfe\/[0-9a-f]{64}\.js$/;

/**
 * The hot swap a message asks for, or null unless all holds: the page is the dev app, framed, the
 * message comes from its parent window on the IDE's origin, and names a component bundle of this origin.
 * Checked by hand: the runtime ships without a schema library.
 */
export function hotMessageOf(event: { source: unknown; origin: string; data: unknown }, page: HotPage): HotMessage | null {
  if (page.env !== "dev" || page.ideOrigin === null || page.parent === page.self) return null;
  if (event.source !== page.parent || event.origin !== page.ideOrigin) return null;
  if (typeof event.data !== "object" || event.data === null) return null;
  const { type, name, url } = event.data as Record<string, unknown>;
  if (type !== "myco:hot" || typeof name !== "string" || !COMPONENT_NAME.test(name)) return null;
  if (typeof url !== "string" || !BUNDLE_PATH.test(url)) return null;
  return { type, name, url };
}

/**
 * Listens for the builder's hot swaps. `env` is the environment the server's boot data names; only the
 * meta tag the server wrote names the IDE here: a `?ideOrigin=` anyone can put in a link must not choose
 * who may swap code into the page.
 */
export function listenForHotSwaps(env: string): void {
  const meta = document.querySelector('meta[name="myco-ide-origin"]')?.getAttribute("content");
  const page: HotPage = { self: window, parent: window.parent, ideOrigin: resolveIdeOrigin("", meta), env };
  window.addEventListener("message", (event) => {
    const message = hotMessageOf(event, page);
    if (!message) return;
    // A bundle that does not load leaves the running one in place; a reload shows the error.
    swapMfe(message.name, message.url).then((mfe) => swapMounted(message.name, mfe), () => undefined);
  });
}
