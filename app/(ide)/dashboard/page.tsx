import Link from "next/link";
import { requirePageIdentity } from "@/lib/auth";
import { StatsRange, listProjectSummaries } from "@/lib/projects";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { ProjectCard } from "@/components/dashboard/project-card";
import { RangeSwitch } from "@/components/dashboard/range-switch";
import styles from "@/components/dashboard/dashboard.module.css";

export const metadata = { title: "Dashboard · Myco" };

type SearchParams = Promise<{ range?: string | string[] }>;

/** The master dashboard: every project of the user (every project on the platform for its admin) at a glance. */
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const identity = await requirePageIdentity();
  const range = StatsRange.catch("hour").parse((await searchParams).range);
  const projects = await listProjectSummaries(identity, range);
  return (
    <main className={styles.page}>
      <AutoRefresh />
      <div className={styles.head}>
        <h1>{identity.isAdmin ? "Platform dashboard" : "Dashboard"}</h1>
        <span className="muted">{projects.length} project{projects.length === 1 ? "" : "s"}{identity.isAdmin ? " on this platform" : ""}</span>
        <div className={styles.tools}>
          <Link href="/dashboard/audit">Audit log</Link>
          <RangeSwitch range={range} href="/dashboard" />
        </div>
      </div>
      {projects.length === 0 ? (
        <p className={styles.empty}>No projects yet. <Link href="/projects">Create one</Link> and it shows up here.</p>
      ) : (
        <div className={styles.cards}>
          {projects.map((p) => <ProjectCard key={p.id} project={p} range={range} />)}
        </div>
      )}
    </main>
  );
}
