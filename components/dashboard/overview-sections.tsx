import Link from "next/link";
import type { ProjectFindings } from "@/lib/bundler";
import type { ProjectOverview } from "@/lib/projects";
import { formatBytes } from "./format";
import { UsedBy } from "./functions-table";
import styles from "./dashboard.module.css";

type Props = { projectId: string; overview: ProjectOverview };

/** Micro-frontends: builds, the newest bundle's size, where each is deployed; each links to its source. */
export function ComponentsSection({ projectId, overview }: Props) {
  if (overview.components.length === 0) return <p className={styles.empty}>No micro-frontends built yet.</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead><tr><th>Component</th><th className={styles.num}>Builds</th><th className={styles.num}>Bundle</th><th>Newest build</th><th>Deployed</th></tr></thead>
        <tbody>
          {overview.components.map((c) => (
            <tr key={c.name}>
              <td><Link href={`/projects/${projectId}/code/components/${encodeURIComponent(c.name)}.tsx`}>{c.name}</Link></td>
              <td className={styles.num}>{c.versions}</td>
              <td className={styles.num}>{formatBytes(c.latest.sizeBytes)}</td>
              <td><code>{c.latest.contentHash.slice(0, 10)}</code> <span className="muted">{c.latest.createdAt.slice(0, 16).replace("T", " ")}</span></td>
              <td><UsedBy usedBy={c.usedBy} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each environment's pages and function endpoints with their URLs. */
export function RoutesSection({ projectId, overview }: Props) {
  return (
    <div className={styles.routes}>
      {overview.routes.map((r) => (
        <div key={r.env} data-testid="dashboard-routes" data-env={r.env}>
          <h3>{r.env}{r.version ? ` · ${r.version}` : ""}</h3>
          {r.pages.length === 0 && r.functions.length === 0 ? (
            <p className={styles.empty}>{r.env === "dev" ? "No pages yet." : "Nothing deployed."}</p>
          ) : (
            <ul className={styles.routeList}>
              {r.pages.map((p) => <li key={`page-${p.path}`}><a href={p.url} target="_blank" rel="noreferrer">{p.path}</a> <span className="muted">{p.title}</span></li>)}
              {r.functions.map((f) => <li key={`fn-${f.name}`}><code>{f.url.replace(r.origin, "")}</code> <Link href={`/projects/${projectId}/functions/${encodeURIComponent(f.name)}`}>edit</Link></li>)}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

/** Releases, newest first, with the environments running each. */
export function ReleasesSection({ projectId, overview }: Props) {
  if (overview.releases.length === 0) return <p className={styles.empty}>No releases yet. <Link href={`/projects/${projectId}/releases`}>Make one</Link>.</p>;
  return (
    <ul className={styles.routeList}>
      {overview.releases.map((r) => (
        <li key={r.id}>
          <Link href={`/projects/${projectId}/releases`}>{r.version}</Link> <code>{r.commitSha.slice(0, 10)}</code>{" "}
          <span className="muted">{r.createdAt.slice(0, 16).replace("T", " ")}</span>{" "}
          {r.environments.map((env) => <span key={env} className={`${styles.env} ${styles.envLive}`}>{env}</span>)}
        </li>
      ))}
    </ul>
  );
}

/** The newest agent runs: what was asked, how it ended, tokens spent. */
export function RunsSection({ projectId, overview }: Props) {
  if (overview.runs.length === 0) return <p className={styles.empty}>No agent runs yet.</p>;
  return (
    <ul className={styles.routeList}>
      {overview.runs.map((r) => (
        <li key={r.id}>
          <span className={styles.env}>{r.status}</span> <Link href={`/projects/${projectId}`}>{r.prompt.slice(0, 120)}</Link>{" "}
          <span className="muted">{r.tokens.toLocaleString("en")} tokens · {r.startedAt.slice(0, 16).replace("T", " ")}</span>
        </li>
      ))}
    </ul>
  );
}

/** Disk and registry use of the project. */
export function StorageSection({ projectId, overview }: Props) {
  const { workspaceBytes, databaseBytes, artifactBytes } = overview.storage;
  return (
    <dl className={styles.figures}>
      <div><dt><Link href={`/projects/${projectId}/code`}>Workspace</Link></dt><dd>{formatBytes(workspaceBytes)}</dd></div>
      <div><dt><Link href={`/projects/${projectId}/database`}>Databases</Link></dt><dd>{formatBytes(databaseBytes)}</dd></div>
      <div><dt><Link href={`/projects/${projectId}/releases`}>Artifacts</Link></dt><dd>{formatBytes(artifactBytes)}</dd></div>
    </dl>
  );
}

/** The security findings of the project's code at HEAD, high first, each linking to its line in the editor. */
export function FindingsSection({ projectId, findings }: { projectId: string; findings: ProjectFindings | null }) {
  if (!findings) return <p className={styles.empty}>The analysis is busy; reload in a moment.</p>;
  if (findings.findings.length === 0) return <p className={styles.empty}>No findings in the code at HEAD.</p>;
  const order = { high: 0, medium: 1, low: 2 } as const;
  const shown = [...findings.findings].sort((a, b) => order[a.severity] - order[b.severity]).slice(0, 20);
  return (
    <>
      <p data-testid="findings-counts">{findings.high} high · {findings.medium} medium · {findings.low} low{findings.high > 0 ? " (a high finding blocks releases unless an owner overrides it)" : ""}</p>
      <ul className={styles.routeList}>
        {shown.map((f) => (
          <li key={`${f.path}:${f.line}:${f.column}:${f.rule}`}>
            <span className={styles.env}>{f.severity}</span>{" "}
            <Link href={`/projects/${projectId}/code/${f.path.split("/").map(encodeURIComponent).join("/")}`}>{f.path}:{f.line}</Link>{" "}
            <span className="muted">{f.message}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
