import { useContext, useSyncExternalStore } from "react";
import { RenderCheckContext } from "./render-check-context";
import { NAVIGATE_EVENT } from "./sdk";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** The current path and query; re-renders on navigate() (SDK or runtime) and on back/forward. */
export function useLocation(): { pathname: string; search: string } {
  const check = useContext(RenderCheckContext);
  const href = useSyncExternalStore(subscribe, snapshot, () => check?.location ?? "/");
  const q = href.indexOf("?");
  return q === -1 ? { pathname: href, search: "" } : { pathname: href.slice(0, q), search: href.slice(q) };
}
