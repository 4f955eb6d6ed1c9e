"use client";

import type { PanelProps } from "@/components/ide/workspace/types";
import { RenameProjectForm } from "@/components/ide/rename-project-form";
import { MembersPanel } from "@/components/ide/members-panel";
import { DeleteProjectButton } from "@/components/ide/delete-project-button";
import { SecretsSection } from "./secrets-section";
import { FunctionLimitsSection } from "./function-limits-section";
import { TokensSection } from "./tokens-section";
import { ModelSection } from "./model-section";
import { AiUsageSection } from "./ai-usage-section";

/**
 * The Settings tab: what each role may see or change about the project, then the person's own tokens,
 * then the danger zone last so it is never the first thing under a thumb.
 */
export function SettingsPanel({ project }: PanelProps) {
  return (
    <div className="project-settings" data-testid="settings">
      {project.canEdit && (
        <section className="panel" aria-labelledby="project-name-heading">
          <h2 id="project-name-heading">Project</h2>
          <RenameProjectForm projectId={project.id} name={project.name} />
        </section>
      )}
      <MembersPanel projectId={project.id} members={project.members} canManage={project.isOwner} currentUserId={project.currentUserId} />
      {project.canEdit && <SecretsSection projectId={project.id} />}
      <FunctionLimitsSection projectId={project.id} canEdit={project.isOwner} />
      <ModelSection project={project} />
      <AiUsageSection project={project} />
      <TokensSection projectId={project.id} />
      {project.isOwner && (
        <section className="panel danger-zone" aria-labelledby="danger-zone-heading">
          <h2 id="danger-zone-heading">Danger zone</h2>
          <p className="muted">Deleting the project removes its files, databases, releases and history for everyone.</p>
          <DeleteProjectButton projectId={project.id} slug={project.slug} />
        </section>
      )}
    </div>
  );
}
