import Link from "next/link";
import type { ProjectSummary, StatsRange } from "@/lib/projects";
import { formatBytes, formatShare } from "./format";
import { Sparkline } from "./sparkline";
import styles from "./dashboard.module.css";

/** One project on the dashboard: what runs where, calls over the range, runs and storage, with links in. */
export function ProjectCard({ project, range }: { project: ProjectSummary; range: StatsRange }) {
  const storage = project.storage.workspaceBytes + project.storage.databaseBytes + project.storage.artifactBytes;
  return (
    <article className={styles.card} data-testid="dashboard-project" aria-label={project.name}>
      <div className={styles.cardHead}>
        <Link href={`/dashboard/projects/${project.id}?range=${range}`}>{project.name}</Link>
        <span className="badge">{project.role ?? "admin view"}</span>
      </div>
      <div className={styles.envs}>
        {project.environments.map((e) => (
          <span key={e.env} className={`${styles.env} ${e.version ? styles.envLive : ""}`}>
            {e.env}: {e.version ?? "nothing deployed"}
          </span>
        ))}
      </div>
      <Sparkline points={project.points} label={`Function calls of ${project.name} over the last ${range}`} />
      <dl className={styles.figures}>
        <div><dt>Calls</dt><dd data-testid="project-calls">{project.calls}</dd></div>
        <div><dt>Error rate</dt><dd>{formatShare(project.calls === 0 ? null : project.errors / project.calls)}</dd></div>
        <div><dt>Components</dt><dd>{project.components}</dd></div>
        <div><dt>Functions</dt><dd>{project.functions}</dd></div>
        <div><dt>Agent runs (30 d)</dt><dd>{project.runs.total}{project.runs.failed > 0 ? ` (${project.runs.failed} failed)` : ""}</dd></div>
        <div><dt>Storage</dt><dd>{formatBytes(storage)}</dd></div>
      </dl>
      {project.role && <Link href={`/projects/${project.id}`}>Open in the builder</Link>}
    </article>
  );
}
