"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import type { StartRunError } from "./agent-api";

/** The API's bound on a prompt. */
export const PROMPT_MAX_CHARS = 4000;

type Props = {
  isRunning: boolean;
  isStopping: boolean;
  error: StartRunError | null;
  /** Starts a run; calls `onAccepted` once the server took it, so a refused prompt stays in the box. */
  onSubmit: (prompt: string, onAccepted: () => void) => void;
  onStop: () => void;
  /** Text put in the box from outside (an example prompt); a new object each time, so the same text can come twice. */
  draft: { text: string } | null;
};

/** The prompt box: Enter builds, Shift+Enter starts a new line; Stop while a run is going. */
export function AgentComposer({ isRunning, isStopping, error, onSubmit, onStop, draft }: Props) {
  const [prompt, setPrompt] = useState("");
  useEffect(() => {
    if (draft) setPrompt(draft.text);
  }, [draft]);
  const canSubmit = !isRunning && prompt.trim().length > 0;
  const isPromptError = error?.field === "prompt";

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSubmit) return;
    onSubmit(prompt.trim(), () => setPrompt(""));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an IME is composing, Enter confirms the composition, not the prompt.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <form className="agent-composer" onSubmit={submit} aria-label="Ask the agent" noValidate>
      <label htmlFor="agent-prompt" className="agent-composer-label">Describe what to build or change</label>
      <textarea
        id="agent-prompt"
        name="prompt"
        data-testid="agent-prompt"
        rows={3}
        maxLength={PROMPT_MAX_CHARS}
        placeholder="e.g. A CRM with companies and contacts, and a chart of deals by stage"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={isPromptError || undefined}
        aria-describedby={error ? "agent-start-error" : "agent-prompt-hint"}
      />
      <div className="agent-composer-bar">
        <span id="agent-prompt-hint" className="muted">
          Enter to build, Shift+Enter for a new line{prompt.length > PROMPT_MAX_CHARS - 500 && ` · ${prompt.length}/${PROMPT_MAX_CHARS}`}
        </span>
        {isRunning ? (
          <button type="button" className="secondary" data-testid="agent-stop" onClick={onStop} disabled={isStopping}>
            {isStopping ? "Stopping…" : "Stop"}
          </button>
        ) : null}
        <button type="submit" data-testid="agent-submit" disabled={!canSubmit}>
          Build
        </button>
      </div>
      {error && (
        <p id="agent-start-error" role="alert" className="form-error" data-testid="agent-error">
          {error.message}
        </p>
      )}
    </form>
  );
}
