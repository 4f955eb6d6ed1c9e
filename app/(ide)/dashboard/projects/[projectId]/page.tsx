import Link from "next/link";
import { AppError } from "@/lib/errors";
import { requirePageScope, type ProjectScope } from "@/lib/auth";
import { analyseProject } from "@/lib/bundler";
import { StatsRange, getProject, getProjectOverview } from "@/lib/projects";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { FunctionsTable } from "@/components/dashboard/functions-table";
import { ComponentsSection, FindingsSection, ReleasesSection, RoutesSection, RunsSection, StorageSection } from "@/components/dashboard/overview-sections";
import { RangeSwitch } from "@/components/dashboard/range-switch";
import styles from "@/components/dashboard/dashboard.module.css";

export const metadata = { title: "Project dashboard · Myco" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ range?: string | string[] }> };

/** The project's findings; null while the analysis is busy (its queue full, or past its deadline), which must not fail the page. */
async function findingsOrBusy(scope: ProjectScope) {
  try {
    return await analyseProject(scope, { capped: true });
  } catch (err) {
    if (err instanceof AppError && (err.code === "rate_limited" || err.code === "unavailable")) return null;
    throw err;
  }
}

/** One project on the master dashboard: functions, micro-frontends, routes, releases, runs and storage. */
export default async function ProjectDashboardPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const scope = await requirePageScope(projectId);
  const range = StatsRange.catch("hour").parse((await searchParams).range);
  const project = await getProject(scope);
  const [overview, findings] = await Promise.all([getProjectOverview(scope, range), findingsOrBusy(scope)]);
  const sections = { projectId, overview };
  return (
    <main className={styles.page}>
      <AutoRefresh />
      <div className={styles.head}>
        <h1>{project.name}</h1>
        <Link href={`/projects/${projectId}`}>Open in the builder</Link>
        <div className={styles.tools}>
          <Link href="/dashboard">All projects</Link>
          {scope.role === "owner" && <Link href={`/dashboard/audit?project=${projectId}`}>Audit log</Link>}
          <RangeSwitch range={range} href={`/dashboard/projects/${projectId}`} />
        </div>
      </div>
      <section className={styles.section} aria-label="Functions"><h2>Functions</h2><FunctionsTable projectId={projectId} functions={overview.functions} range={range} /></section>
      <section className={styles.section} aria-label="Micro-frontends"><h2>Micro-frontends</h2><ComponentsSection {...sections} /></section>
      <section className={styles.section} aria-label="Routes"><h2>Routes</h2><RoutesSection {...sections} /></section>
      <section className={styles.section} aria-label="Security findings"><h2>Security findings</h2><FindingsSection projectId={projectId} findings={findings} /></section>
      <section className={styles.section} aria-label="Releases"><h2>Releases</h2><ReleasesSection {...sections} /></section>
      <section className={styles.section} aria-label="Agent runs"><h2>Agent runs</h2><RunsSection {...sections} /></section>
      <section className={styles.section} aria-label="Storage"><h2>Storage</h2><StorageSection {...sections} /></section>
    </main>
  );
}
