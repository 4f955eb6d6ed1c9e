import Link from "next/link";
import { requirePageIdentity } from "@/lib/auth";
import { listProjectNames, listProjects } from "@/lib/projects";
import { AuditViewer, type AuditSource } from "@/components/dashboard/audit-viewer";
import styles from "@/components/dashboard/dashboard.module.css";

export const metadata = { title: "Audit log · Myco" };

type Props = { searchParams: Promise<{ project?: string | string[] }> };

/**
 * The audit log: the platform admin reads every event; anyone else picks one of the projects they own
 * (owners alone read a project's log).
 */
export default async function AuditPage({ searchParams }: Props) {
  const identity = await requirePageIdentity();
  const owned = (await listProjects(identity)).filter((p) => p.role === "owner").map((p) => ({ id: p.id, name: p.name }));
  const wanted = (await searchParams).project;
  const chosen = owned.find((p) => p.id === wanted) ?? owned[0];
  const source: AuditSource | null = identity.isAdmin ? { kind: "platform" } : chosen ? { kind: "project", ...chosen } : null;
  const projects = identity.isAdmin ? await listProjectNames(identity) : owned;
  const initialProject = identity.isAdmin && typeof wanted === "string" && projects.some((p) => p.id === wanted) ? wanted : "";
  return (
    <main className={styles.page}>
      <div className={styles.head}>
        <h1>Audit log</h1>
        <span className="muted">{source?.kind === "platform" ? "every event on the platform" : source ? source.name : ""}</span>
        <div className={styles.tools}><Link href="/dashboard">Dashboard</Link></div>
      </div>
      {!identity.isAdmin && owned.length > 1 && (
        <nav className={styles.envs} aria-label="Projects you own">
          {owned.map((p) => <Link key={p.id} href={`/dashboard/audit?project=${p.id}`} className={styles.env} aria-current={p.id === chosen?.id ? "true" : undefined}>{p.name}</Link>)}
        </nav>
      )}
      {source ? <AuditViewer key={source.kind === "project" ? source.id : "platform"} source={source} projects={projects} initialProject={initialProject} /> : <p className={styles.empty}>Only a project&apos;s owners read its audit log, and you own no project yet.</p>}
    </main>
  );
}
