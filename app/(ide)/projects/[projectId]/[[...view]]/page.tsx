import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { authorize, hasRole, requirePageIdentity } from "@/lib/auth";
import { getProject, listMembers } from "@/lib/projects";
import { RenameProjectForm } from "@/components/ide/rename-project-form";
import { MembersPanel } from "@/components/ide/members-panel";
import { DeleteProjectButton } from "@/components/ide/delete-project-button";
import { Builder } from "@/components/ide/builder";
import { getConfig } from "@/lib/config";
import { getReleaseSettings } from "@/lib/releases";
import { ReleaseManager } from "@/components/ide/releases/release-manager";

export const metadata = { title: "Project · Myco" };

async function loadScope(projectId: string) {
  const identity = await requirePageIdentity();
  if (!z.uuid().safeParse(projectId).success) notFound();
  try {
    return await authorize(identity, projectId, "viewer");
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const scope = await loadScope((await params).projectId);
  const [project, members, releaseSettings] = await Promise.all([getProject(scope), listMembers(scope), getReleaseSettings(scope)]);
  const canEdit = hasRole(scope.role, "editor");
  const isOwner = scope.role === "owner";
  const canDeploy = isOwner || (canEdit && releaseSettings.editorsCanDeploy);
  return (
    <main className="page page-wide">
      <header className="project-header">
        <h1>{project.name}</h1>
        <p className="muted">
          <span data-testid="project-slug">{project.slug}</span> · your role: <strong data-testid="my-role">{project.role}</strong>
          {!canEdit && " (read-only)"}
        </p>
        <p>
          App URL: <code>{project.appUrl}</code>
        </p>
      </header>
      <Builder projectId={project.id} appUrl={project.appUrl} ideOrigin={getConfig().ideUrl.origin} canEdit={canEdit} />
      <ReleaseManager projectId={project.id} canCut={canEdit} canDeploy={canDeploy} />
      <section className="project-settings" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Project settings</h2>
        {canEdit && (
          <div className="panel">
            <RenameProjectForm projectId={project.id} name={project.name} />
          </div>
        )}
        <MembersPanel projectId={project.id} members={members} canManage={isOwner} currentUserId={scope.userId} />
        {isOwner && (
          <section className="panel danger-zone" aria-label="Danger zone">
            <DeleteProjectButton projectId={project.id} slug={project.slug} />
          </section>
        )}
      </section>
    </main>
  );
}
