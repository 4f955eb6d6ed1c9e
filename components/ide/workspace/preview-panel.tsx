"use client";

import { AppPreview } from "../app-preview";
import type { PanelProps } from "./types";

/**
 * The Preview tab: the dev app, its components swapped in as they are rebuilt and reloaded on every other
 * commit. Only editors report what it shows to the agent.
 */
export function PreviewPanel({ project, head, hot }: PanelProps) {
  return <AppPreview appUrl={project.appUrl} ideOrigin={project.ideOrigin} version={head} hot={hot} projectId={project.canEdit ? project.id : undefined} />;
}
