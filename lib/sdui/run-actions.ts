import { callRequest } from "./function-url";
import type { Action } from "./schema-parts";
import { resolveTemplate, type TemplateScope } from "./template";

/** What actions do to the world; the renderer supplies these, tests supply fakes. */
export type ActionEffects = {
  /** Sends a request to a function and resolves with its parsed JSON, or rejects with an Error to show. */
  call(request: { url: string; method: string; body: Record<string, unknown> }): Promise<unknown>;
  navigate(to: string): void;
  refresh(target: string): void;
  message(text: string, tone: "info" | "success" | "warning" | "error"): void;
  close(): void;
  /** Asks the person to confirm (in the app, not a browser dialog); false stops the actions quietly. */
  confirm(question: string): Promise<boolean>;
};

/** How a list of actions ended. */
export type ActionOutcome = { status: "done"; result: unknown } | { status: "failed"; error: string } | { status: "cancelled" };

async function runCall(action: Extract<Action, { action: "call" }>, scope: TemplateScope, effects: ActionEffects): Promise<ActionOutcome> {
  if (action.confirm !== undefined && !(await effects.confirm(resolveTemplate(action.confirm, scope)))) return { status: "cancelled" };
  try {
    return { status: "done", result: await effects.call(callRequest(action, scope)) };
  } catch (err) {
    return { status: "failed", error: err instanceof Error ? err.message : "The call failed." };
  }
}

function runLocal(action: Exclude<Action, { action: "call" }>, scope: TemplateScope, effects: ActionEffects): void {
  switch (action.action) {
    case "navigate":
      return effects.navigate(resolveTemplate(action.to, scope));
    case "refresh":
      return effects.refresh(action.target);
    case "message":
      return effects.message(resolveTemplate(action.text, scope), action.tone);
    case "close":
      return effects.close();
  }
}

/**
 * Runs actions in order. Each call's result becomes `{{result.…}}` for the actions after it; the first
 * failed call stops the rest, so "save, then refresh, then say so" never claims a save that failed.
 */
export async function runActions(actions: readonly Action[], scope: TemplateScope, effects: ActionEffects): Promise<ActionOutcome> {
  let current: TemplateScope = scope;
  let result: unknown = undefined;
  for (const action of actions) {
    if (action.action !== "call") {
      try {
        runLocal(action, current, effects);
      } catch (err) {
        // e.g. navigate to a templated URL that resolved to something unsafe: stop, as a failed call does
        return { status: "failed", error: err instanceof Error ? err.message : `The ${action.action} action failed.` };
      }
      continue;
    }
    const outcome = await runCall(action, current, effects);
    if (outcome.status !== "done") return outcome;
    result = outcome.result;
    current = { ...current, result };
  }
  return { status: "done", result };
}
