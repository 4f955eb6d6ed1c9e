"use client";

import { useCallback, useEffect, useState } from "react";
import { api, apiUrl, type ApiResult } from "@/components/ui/api-client";
import type { AuditEventView, AuditPage } from "@/lib/projects";
import styles from "./dashboard.module.css";

/** A log the viewer can read: one project's (its owners), or the whole platform's (its admin). */
export type AuditSource = { kind: "project"; id: string; name: string } | { kind: "platform" };

type Filters = { actor: string; kind: string; from: string; to: string; project: string };

const EMPTY: Filters = { actor: "", kind: "", from: "", to: "", project: "" };

// datetime-local gives local wall time without a zone; the API takes ISO 8601 with one.
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

function queryOf(filters: Filters, cursor: string | null, source: AuditSource) {
  return {
    actor: filters.actor.trim() || undefined,
    kind: filters.kind.trim() || undefined,
    from: isoOf(filters.from),
    to: isoOf(filters.to),
    project: source.kind === "platform" && filters.project ? filters.project : undefined,
    cursor: cursor ?? undefined,
    limit: 50,
  };
}

function load(source: AuditSource, filters: Filters, cursor: string | null): Promise<ApiResult<AuditPage>> {
  const query = queryOf(filters, cursor, source);
  if (source.kind === "platform") return api("GET", "/api/audit", { query }) as Promise<ApiResult<AuditPage>>;
  return api("GET", "/api/projects/{projectId}/audit", { params: { projectId: source.id }, query }) as Promise<ApiResult<AuditPage>>;
}

function exportHref(source: AuditSource, filters: Filters): string {
  const query = { ...queryOf(filters, null, source), limit: undefined, format: "jsonl" as const };
  if (source.kind === "platform") return apiUrl("GET", "/api/audit", { query });
  return apiUrl("GET", "/api/projects/{projectId}/audit", { params: { projectId: source.id }, query });
}

/** The audit log with filters (actor, kind, time range, project for the platform), pages by cursor, and a JSON lines export. */
export function AuditViewer({ source, projects, initialProject = "" }: { source: AuditSource; projects: { id: string; name: string }[]; initialProject?: string }) {
  const [draft, setDraft] = useState<Filters>({ ...EMPTY, project: initialProject });
  const [filters, setFilters] = useState<Filters>({ ...EMPTY, project: initialProject });
  const [events, setEvents] = useState<AuditEventView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const names = new Map(projects.map((p) => [p.id, p.name]));

  const fetchPage = useCallback(async (next: string | null) => {
    setLoading(true);
    const res = await load(source, filters, next);
    setLoading(false);
    if (!res.ok) return setError(res.error.field ? `${res.error.field}: ${res.error.message}` : res.error.message);
    setError(null);
    setEvents((old) => (next ? [...old, ...res.data.events] : res.data.events));
    setCursor(res.data.nextCursor);
  }, [source, filters]);

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  const field = (name: keyof Filters) => ({ value: draft[name], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }) });
  return (
    <div className={styles.section}>
      <form className={styles.filters} aria-label="Audit filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }}>
        <label>Actor (email or id)<input name="actor" {...field("actor")} placeholder="ada@example.com" /></label>
        <label>Kind<input name="kind" {...field("kind")} placeholder="deployment or member.added" /></label>
        {source.kind === "platform" && (
          <label>Project
            <select name="project" {...field("project")}>
              <option value="">All projects</option>
              {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        )}
        <label>From<input type="datetime-local" name="from" {...field("from")} /></label>
        <label>To<input type="datetime-local" name="to" {...field("to")} /></label>
        <button type="submit">Filter</button>
        <button type="button" className="secondary" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); }}>Clear</button>
        <a href={exportHref(source, filters)} download>Export JSON lines</a>
      </form>
      {error && <p className={styles.error} role="alert">{error}</p>}
      <div className={styles.scroll}>
        <table className={styles.table} aria-label="Audit events">
          <thead><tr><th>Time (UTC)</th><th>Action</th><th>Actor</th><th>Address</th>{source.kind === "platform" && <th>Project</th>}<th>What changed</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="audit-event" data-action={e.action}>
                <td className={styles.num}>{e.time.slice(0, 19).replace("T", " ")}</td>
                <td><code>{e.action}</code></td>
                <td>{e.actor ? (e.actor.email ?? e.actor.id) : <span className="muted">Myco</span>}</td>
                <td>{e.address ?? <span className="muted">–</span>}</td>
                {source.kind === "platform" && <td>{e.projectId ? (names.get(e.projectId) ?? e.projectId.slice(0, 8)) : <span className="muted">platform</span>}</td>}
                <td><pre className={styles.data}>{JSON.stringify(e.data)}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 0 && !loading && !error && <p className={styles.empty}>No events match.</p>}
      {cursor && <button type="button" onClick={() => void fetchPage(cursor)} disabled={loading}>{loading ? "Loading…" : "Older events"}</button>}
    </div>
  );
}
