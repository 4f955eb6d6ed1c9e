import { useState } from "react";
import type { Action, TemplateScope } from "@/lib/sdui/client";
import { InlineError } from "./inline-error";
import { useRunActions } from "./use-run-actions";

type ActionButtonProps = {
  nodeId: string;
  text: string;
  variant: "primary" | "secondary" | "danger" | "ghost";
  actions: readonly Action[];
  extra?: TemplateScope;
  small?: boolean;
};

/** A button that runs actions, is disabled while they run, and shows a failed call's error under itself. */
export function ActionButton({ nodeId, text, variant, actions, extra, small }: ActionButtonProps) {
  const run = useRunActions();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onClick() {
    setPending(true);
    setError(null);
    const outcome = await run(actions, extra);
    setPending(false);
    if (outcome.status === "failed") setError(outcome.error);
  }
  return (
    <>
      <button
        type="button"
        className={`myco-button myco-button-${variant}${small ? " myco-button-small" : ""}`}
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={() => void onClick()}
      >
        {text}
      </button>
      {error !== null && <InlineError nodeId={nodeId} message={error} />}
    </>
  );
}
