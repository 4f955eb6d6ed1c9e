"use client";

import { useState, type FormEvent } from "react";
import { searchFiles, type SearchMatch } from "./code-api";

type Props = { projectId: string; onOpen: (path: string, line: number) => void };

/** Project-wide text search at HEAD; each match opens its file at its line. */
export function SearchPanel({ projectId, onOpen }: Props) {
  const [result, setResult] = useState<{ matches: SearchMatch[]; truncated: boolean } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    if (!q) return;
    setBusy(true);
    const answer = await searchFiles(projectId, q);
    setBusy(false);
    setResult(answer.ok ? answer.data : { error: answer.error.message });
  }

  return (
    <div className="code-search">
      <form role="search" onSubmit={search} className="tree-name">
        <input name="q" type="search" aria-label="Search the project" placeholder="Search the project" autoFocus />
        <button type="submit" disabled={busy}>Search</button>
      </form>
      {result && "error" in result && <p role="alert" className="form-error">{result.error}</p>}
      {result && "matches" in result && (
        <>
          <p className="muted">{result.matches.length === 0 ? "No matches." : `${result.matches.length}${result.truncated ? "+" : ""} matches`}</p>
          <ul className="search-results" aria-label="Search results">
            {result.matches.map((m, i) => (
              <li key={i}>
                <button type="button" className="link-button" onClick={() => onOpen(m.path, m.line)}>
                  {m.path}:{m.line}
                </button>
                <code>{m.text}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
