import type { Tone } from "./runtime-context";

/** A message shown by a `message` action. */
export type PageMessage = { id: number; text: string; tone: Tone };

/** The page's messages, newest last; errors are announced assertively, the rest politely. */
export function MessageBar({ messages, onDismiss }: { messages: readonly PageMessage[]; onDismiss: (id: number) => void }) {
  return (
    <div className="myco-messages">
      {messages.map((m) => (
        <div key={m.id} className={`myco-message myco-tone-${m.tone}`} role={m.tone === "error" ? "alert" : "status"}>
          <span>{m.text}</span>
          <button type="button" className="myco-button myco-button-ghost myco-button-small" aria-label="Dismiss" onClick={() => onDismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
