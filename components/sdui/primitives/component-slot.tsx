import { useEffect, useMemo, useRef, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { resolveDeep, type NodeOf } from "@/lib/sdui/client";
import { ErrorBoundary } from "../error-boundary";
import { InlineError } from "../inline-error";
import { useHotSwap } from "../hot-swap";
import { currentMfeUrl, loadMfe, type LoadedMfe } from "../mfe-loader";
import { usePage, useRuntime } from "../runtime-context";

// Only the host box is styled from outside; everything else in the shadow root is the component's own.
const HOST_CSS = ":host{display:block;min-width:0}";

type Mounted = { root: Root; container: HTMLElement };

function mountShadow(host: HTMLElement, mfe: LoadedMfe): Mounted {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  const style = document.createElement("style");
  style.textContent = `${HOST_CSS}\n${mfe.styles ?? ""}`;
  const container = document.createElement("div");
  shadow.append(style, container);
  return { root: createRoot(container), container };
}

function useMfe(name: string, url: string | undefined): { mfe?: LoadedMfe; error?: string } {
  const [state, setState] = useState<{ url?: string; mfe?: LoadedMfe; error?: string }>({});
  useEffect(() => {
    if (url === undefined) return;
    let live = true;
    loadMfe(name, url).then(
      (mfe) => live && setState({ url, mfe }),
      (err: unknown) => live && setState({ url, error: err instanceof Error ? err.message : "load failed" }),
    );
    return () => {
      live = false;
    };
  }, [name, url]);
  if (url === undefined) return { error: `${name} is not in this app's build (is components/${name}.tsx committed and built?)` };
  return state.url === url ? state : {};
}

/**
 * An app's own component in Shadow DOM, rendered by its own React root so its CSS stays inside and the
 * page's CSS stays out. Its errors, at load or render, become an inline error naming it; a `refresh`
 * action naming it mounts it again; in the dev app, a new bundle the builder sends replaces it in place.
 */
export function ComponentSlot({ node }: { node: NodeOf<"component"> }) {
  const { components } = useRuntime();
  const { scope, registry } = usePage();
  // A refresh naming this node mounts the component afresh, so its useFunctionData hooks fetch again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => registry.register(node.id, () => setGeneration((g) => g + 1)), [registry, node.id]);
  const { mfe: loaded, error: loadError } = useMfe(node.name, currentMfeUrl(node.name, Object.hasOwn(components, node.name) ? components[node.name] : undefined));
  const mfe = useHotSwap(node.name) ?? loaded;
  // An error belongs to the module that threw it: a module swapped in gets its chance.
  const [renderError, setRenderError] = useState<{ mfe: LoadedMfe; message: string } | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const mounted = useRef<Mounted | null>(null);
  const propsJson = JSON.stringify(resolveDeep(node.props, scope));
  const props = useMemo(() => JSON.parse(propsJson) as Record<string, unknown>, [propsJson]);

  useEffect(() => {
    if (!mfe || !hostRef.current) return;
    const current = mountShadow(hostRef.current, mfe);
    mounted.current = current;
    return () => {
      mounted.current = null;
      // Unmounting another root while React commits this one is refused; defer it a tick.
      setTimeout(() => current.root.unmount(), 0);
    };
  }, [mfe]);

  useEffect(() => {
    if (!mfe || !mounted.current) return;
    const fail = (e: Error) => setRenderError({ mfe, message: e.message.slice(0, 500) });
    mounted.current.root.render(
      <ErrorBoundary fallback={() => null} onError={fail}>
        <mfe.Component key={generation} {...props} />
      </ErrorBoundary>,
    );
  }, [mfe, props, generation]);

  const error = (mfe ? undefined : loadError) ?? (renderError && renderError.mfe === mfe ? renderError.message : undefined);
  if (error) return <InlineError replacesNode nodeId={node.id} component={node.name} message={error} />;
  return <div ref={hostRef} className="myco-component" data-node-id={node.id} data-component={node.name} aria-busy={mfe ? undefined : true} />;
}
