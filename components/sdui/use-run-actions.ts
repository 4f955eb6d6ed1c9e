import { useCallback, useContext } from "react";
import { runActions, type Action, type ActionOutcome, type TemplateScope } from "@/lib/sdui/client";
import { fetchJson } from "./fetch-json";
import { ModalContext, usePage, useRuntime } from "./runtime-context";
import { navigate } from "./sdk";

/** Runs a node's actions with the page's scope plus `extra` ({form}, {row}), wired to this page. */
export function useRunActions(): (actions: readonly Action[], extra?: TemplateScope) => Promise<ActionOutcome> {
  const runtime = useRuntime();
  const page = usePage();
  const closeModal = useContext(ModalContext);
  return useCallback(
    (actions, extra = {}) =>
      runActions(actions, { ...page.scope, ...extra }, {
        call: (request) => fetchJson(request.url, { method: request.method, body: request.body }),
        navigate,
        refresh: (target) => page.registry.refresh(target),
        message: (text, tone) => runtime.showMessage(text, tone),
        close: () => closeModal?.(),
        confirm: (question) => runtime.confirm(question),
      }),
    [runtime, page, closeModal],
  );
}
