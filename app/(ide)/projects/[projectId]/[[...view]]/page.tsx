import { notFound } from "next/navigation";
import { hasRole, requirePageScope } from "@/lib/auth";
import { getProject, listMembers } from "@/lib/projects";
import { getConfig } from "@/lib/config";
import { getReleaseSettings } from "@/lib/releases";
import { ProjectWorkspace } from "@/components/ide/workspace/project-workspace";
import { parseView } from "@/components/ide/workspace/tabs";

export const metadata = { title: "Project · Myco" };

type Params = Promise<{ projectId: string; view?: string[] }>;

/** The builder at `/projects/{id}/{tab}/{…path}`: the tab and the path inside it come from the URL. */
export default async function ProjectPage({ params }: { params: Params }) {
  const { projectId, view } = await params;
  const scope = await requirePageScope(projectId);
  const initialView = parseView(view);
  if (!initialView) notFound();
  const [project, members, releaseSettings] = await Promise.all([getProject(scope), listMembers(scope), getReleaseSettings(scope)]);
  const canEdit = hasRole(scope.role, "editor");
  const isOwner = scope.role === "owner";
  const config = getConfig();
  return (
    <main className="ide-page">
      <header className="ide-header">
        <h1>{project.name}</h1>
        <p className="muted">
          <span data-testid="project-slug">{project.slug}</span> · your role: <strong data-testid="my-role">{project.role}</strong>
          {!canEdit && " (read-only)"}
          {" · "}
          <a href={project.appUrl} target="_blank" rel="noreferrer">{project.appUrl}</a>
        </p>
      </header>
      <ProjectWorkspace
        initialView={initialView}
        project={{
          id: project.id,
          name: project.name,
          slug: project.slug,
          appUrl: project.appUrl,
          ideOrigin: config.ideUrl.origin,
          role: project.role,
          canEdit,
          canDeploy: isOwner || (canEdit && releaseSettings.editorsCanDeploy),
          isOwner,
          currentUserId: scope.userId,
          members,
          isOffline: config.aiProviders.length === 0,
        }}
      />
    </main>
  );
}
