// The app check's page renderer, run by Myco in a child process (lib/agent/verify/render-check.ts). It
// renders every page of a blueprint with react-dom/server, dialogs open; asks the parent for the answers
// of the GETs the pages make, renders again with them (rows, then the forms and pickers inside each
// row's dialogs), and reports each page that threw or showed an error in place of a node.
import { renderToString } from "react-dom/server";
import { functionUrl, rowsOf, walkNodes, type Blueprint, type EnvName, type Node, type Route } from "@/lib/sdui";
import { App } from "./app";
import { installPrimitiveLoaders, LAZY_TYPES, preloadPrimitives } from "./lazy-primitives";
import { PRIMITIVE_LOADERS } from "./primitive-loaders";
import { RenderCheckContext, type CheckedAnswer, type RenderCheck, type ShownError } from "./render-check-context";

// The parent's messages: the app to render, then the answers to each batch of GETs asked for.
type RenderCheckInput =
  | { type: "start"; blueprint: Blueprint; env: EnvName; components: Record<string, string> }
  | { type: "answers"; answers: Record<string, CheckedAnswer> };
// The child's messages: GETs it wants answered, then its problems.
type RenderCheckOutput = { type: "fetch"; urls: string[] } | { type: "done"; problems: string[] };

const MAX_ROUNDS = 4;
// A longer id (a visitor may have chosen it) is not put in a path or a problem line; a made-up one is.
const MAX_ID_CHARS = 64;

type Rendered = { path: string; madeUp: boolean; threw?: string; shown: ShownError[] };

function send(message: RenderCheckOutput): void {
  process.send?.(message);
}

function nextMessage(): Promise<RenderCheckInput> {
  return new Promise((resolve) => process.once("message", (message: RenderCheckInput) => resolve(message)));
}

// The function a page reads one record of by `{{route.<param>}}`, e.g. "contacts" for /contacts/:id.
function recordFunction(page: Node, param: string): string | undefined {
  let found: string | undefined;
  walkNodes(page, [], (node) => {
    const data = "data" in node && node.data && typeof node.data === "object" && "function" in node.data ? node.data : undefined;
    if (!found && data?.path?.trim() === `{{route.${param}}}`) found = data.function;
  });
  return found;
}

// A route's path with its params filled by the id of a real row (the first of the function's list);
// "1" when there is none, which makes the page's not-found answers expected.
function pathOf(route: Route, blueprint: Blueprint, answers: ReadonlyMap<string, CheckedAnswer>, requested: Set<string>): { path: string; madeUp: boolean } {
  let madeUp = false;
  const path = route.path.replace(/:(\w+)/g, (_, param: string) => {
    const body = blueprint.pages[route.page]?.body;
    const fn = body ? recordFunction(body, param) : undefined;
    const list = fn ? functionUrl(fn) : undefined;
    const answer = list ? answers.get(list) : undefined;
    if (list && !answer) requested.add(list);
    const first = answer?.ok ? rowsOf(answer.data)?.[0] : undefined;
    const id = first !== null && typeof first === "object" ? (first as { id?: unknown }).id : undefined;
    if ((typeof id === "string" && id.length <= MAX_ID_CHARS) || typeof id === "number") return encodeURIComponent(String(id));
    madeUp = true;
    return "1";
  });
  return { path, madeUp };
}

function render(input: Extract<RenderCheckInput, { type: "start" }>, check: RenderCheck): string | undefined {
  try {
    renderToString(
      <RenderCheckContext.Provider value={check}>
        <App blueprint={input.blueprint} components={input.components} env={input.env} post={() => undefined} bootMs={0} />
      </RenderCheckContext.Provider>,
    );
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function renderAll(input: Extract<RenderCheckInput, { type: "start" }>, answers: ReadonlyMap<string, CheckedAnswer>, requested: Set<string>): Rendered[] {
  return input.blueprint.routes.map((route) => {
    const { path, madeUp } = pathOf(route, input.blueprint, answers, requested);
    const check: RenderCheck = { location: path, answers, requested, shown: [] };
    const threw = render(input, check);
    return { path, madeUp, shown: check.shown, ...(threw !== undefined ? { threw } : {}) };
  });
}

function problemsOf(rendered: Rendered[], answers: ReadonlyMap<string, CheckedAnswer>): string[] {
  const failures = new Set([...answers.values()].flatMap((a) => (a.ok ? [] : [a.message])));
  return rendered.flatMap(({ path, madeUp, threw, shown }) => [
    ...(threw !== undefined ? [`page ${path} threw while rendering: ${threw}`] : []),
    ...shown
      .filter((e) => !(madeUp && failures.has(e.message)))
      .map((e) => `page ${path} shows an error in ${e.component ? `component ${e.component}` : e.nodeId ? `node "${e.nodeId}"` : "the page"}: ${e.message}`),
  ]);
}

async function main(): Promise<void> {
  const input = await nextMessage();
  if (input.type !== "start") throw new Error("the render check expected its app first");
  // Every primitive's module, so that renderToString renders each (it would show a lazy one's fallback).
  installPrimitiveLoaders(PRIMITIVE_LOADERS);
  await preloadPrimitives(LAZY_TYPES);
  const answers = new Map<string, CheckedAnswer>();
  const asked = new Set<string>();
  let rendered: Rendered[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const requested = new Set<string>();
    rendered = renderAll(input, answers, requested);
    const urls = [...requested].filter((u) => !asked.has(u));
    if (urls.length === 0) break;
    for (const u of urls) asked.add(u);
    send({ type: "fetch", urls });
    const reply = await nextMessage();
    if (reply.type === "answers") for (const [url, answer] of Object.entries(reply.answers)) answers.set(url, answer);
  }
  send({ type: "done", problems: [...new Set(problemsOf(rendered, answers))] });
}

main().then(
  () => process.disconnect?.(),
  (err: unknown) => {
    send({ type: "done", problems: [`the page render check failed: ${err instanceof Error ? err.message : String(err)}`] });
    process.disconnect?.();
  },
);
