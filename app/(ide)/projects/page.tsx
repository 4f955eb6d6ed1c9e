import Link from "next/link";
import { requirePageIdentity } from "@/lib/auth";
import { listProjects } from "@/lib/projects";
import { CreateProjectForm } from "@/components/ide/create-project-form";

export const metadata = { title: "Projects · Myco" };

export default async function ProjectsPage() {
  const identity = await requirePageIdentity();
  const projects = await listProjects(identity);
  return (
    <main className="page">
      <h1>Projects</h1>
      <CreateProjectForm />
      {projects.length === 0 ? (
        <p className="muted">No projects yet. Name one above to start.</p>
      ) : (
        <ul className="project-list" aria-label="Your projects">
          {projects.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}`}>{p.name}</Link>
              <span className="muted">{p.slug}</span>
              <span className="badge" data-testid="project-role">{p.role}</span>
            </li>
          ))}
        </ul>
      )}
      <footer className="muted">
        Automate Myco over HTTP with an API token: the <Link href="/api-docs">API reference</Link>.
      </footer>
    </main>
  );
}
