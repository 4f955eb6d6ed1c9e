import type { RunItem } from "./agent-types";
import { WorkspaceLink } from "./workspace/workspace-nav";

type ToolItem = Extract<RunItem, { kind: "tool" }>;

/** Values this long, or spanning lines (code, SQL, JSON documents), fold away behind a <details>. */
const INLINE_MAX_CHARS = 100;

function parseObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value, null, 2) ?? String(value));
const isLong = (text: string) => text.length > INLINE_MAX_CHARS || text.includes("\n");
const lineCount = (text: string) => text.split("\n").length;

/** What the call is about, for its title: a path or a name if its arguments have one. */
function targetOf(args: Record<string, unknown> | null): string | null {
  const target = args?.path ?? args?.name ?? args?.file ?? args?.table;
  return typeof target === "string" && target.length <= INLINE_MAX_CHARS ? target : null;
}

function Arguments({ raw, args }: { raw: string; args: Record<string, unknown> | null }) {
  if (!args) {
    if (raw.trim() === "") return null;
    return isLong(raw) ? (
      <details><summary>Arguments</summary><pre className="agent-code">{raw}</pre></details>
    ) : (
      <code>{raw}</code>
    );
  }
  const entries = Object.entries(args);
  if (entries.length === 0) return null;
  return (
    <dl className="agent-args">
      {entries.map(([key, value]) => {
        const text = asText(value);
        return (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              {isLong(text) ? (
                <details>
                  <summary>{lineCount(text)} lines, {text.length} chars</summary>
                  <pre className="agent-code">{text}</pre>
                </details>
              ) : (
                <code>{text}</code>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** One tool call: its name and target, whether it worked, its arguments and result (folded), the files it changed. */
export function AgentToolCard({ item, isRunActive }: { item: ToolItem; isRunActive: boolean }) {
  const args = parseObject(item.arguments);
  const target = targetOf(args);
  const state = item.ok === null ? "pending" : String(item.ok);
  const label = item.ok === null ? (isRunActive ? "running…" : "no result") : item.ok ? "ok" : "failed";
  return (
    <article className="agent-tool" data-testid="agent-tool-call" data-tool={item.name} data-ok={state}>
      <header className="agent-tool-head">
        <code className="agent-tool-name">{item.name}</code>
        {target && <span className="muted agent-tool-target">{target}</span>}
        <span className={`agent-badge agent-badge-${state}`}>{label}</span>
      </header>
      <Arguments raw={item.arguments} args={args} />
      {item.result !== null && (
        <>
          {item.ok === false && <p className="form-error">{item.result.split("\n")[0]}</p>}
          <details>
            <summary>Result</summary>
            <pre className="agent-code">{pretty(item.result)}</pre>
          </details>
        </>
      )}
      {item.files.length > 0 && (
        <p className="muted agent-tool-files">
          Changed: {item.files.map((f, i) => <span key={f}>{i > 0 && ", "}<WorkspaceLink tab="code" path={f.split("/")}><code>{f}</code></WorkspaceLink></span>)}
        </p>
      )}
    </article>
  );
}
