import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorMessage, matchRoute, navigateMessage, readyMessage, type Blueprint, type EnvName } from "@/lib/sdui/client";
import { useConfirmDialog } from "./confirm-dialog";
import { MessageBar, type PageMessage } from "./message-bar";
import { NotFoundPage, PageView } from "./page-view";
import type { ParentPoster } from "./parent-poster";
import { RuntimeContext, type RuntimeValue, type Tone } from "./runtime-context";
import { useLocation } from "./use-location";

/** What the entry hands the app: the validated blueprint, the MFE URLs and the IDE reporter. */
export type AppProps = {
  blueprint: Blueprint;
  components: Readonly<Record<string, string>>;
  env: EnvName;
  post: ParentPoster;
  /** ms from navigation start until the runtime script began. */
  bootMs: number;
};

const MESSAGE_MS = 5000;

function useMessages(): { messages: PageMessage[]; show: (text: string, tone: Tone) => void; dismiss: (id: number) => void } {
  const [messages, setMessages] = useState<PageMessage[]>([]);
  const nextId = useRef(0);
  const dismiss = useCallback((id: number) => setMessages((ms) => ms.filter((m) => m.id !== id)), []);
  const show = useCallback(
    (text: string, tone: Tone) => {
      const id = (nextId.current += 1);
      setMessages((ms) => [...ms.slice(-2), { id, text, tone }]);
      setTimeout(() => dismiss(id), MESSAGE_MS);
    },
    [dismiss],
  );
  return { messages, show, dismiss };
}

/** Tells the IDE when the first page is up, then about every move to another path. */
function useParentReports(post: ParentPoster, page: string | null, pathname: string, bootMs: number): void {
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (lastPath.current === null) post(readyMessage(page, { bootMs, firstRenderMs: performance.now() }));
    else if (lastPath.current !== pathname) post(navigateMessage(pathname));
    lastPath.current = pathname;
  }, [post, page, pathname, bootMs]);
}

/** A Myco app: routes the current path to a page and provides what its nodes need. */
export function App({ blueprint, components, env, post, bootMs }: AppProps) {
  const { pathname, search } = useLocation();
  const match = matchRoute(blueprint.routes, pathname);
  const page = match ? blueprint.pages[match.page] : undefined;
  const { messages, show, dismiss } = useMessages();
  const { confirm, dialog } = useConfirmDialog();
  const runtime = useMemo<RuntimeValue>(
    () => ({ components, report: (e) => post(errorMessage(e)), showMessage: show, confirm }),
    [components, post, show, confirm],
  );
  useParentReports(post, match?.page ?? null, pathname, bootMs);
  return (
    <RuntimeContext.Provider value={runtime}>
      <div className="myco-app" data-env={env}>
        <MessageBar messages={messages} onDismiss={dismiss} />
        {dialog}
        {match && page ? (
          <PageView key={match.page} pageId={match.page} page={page} params={match.params} search={search} />
        ) : (
          <NotFoundPage blueprint={blueprint} pathname={pathname} />
        )}
      </div>
    </RuntimeContext.Provider>
  );
}
