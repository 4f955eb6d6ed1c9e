"use client";

import { AppPreview } from "../app-preview";
import type { PanelProps } from "./types";

/** The Preview tab: the dev app, reloaded on every commit. Only editors report what it shows to the agent. */
export function PreviewPanel({ project, head }: PanelProps) {
  return <AppPreview appUrl={project.appUrl} ideOrigin={project.ideOrigin} version={head} projectId={project.canEdit ? project.id : undefined} />;
}
