import { getConfig } from "@/lib/config";
import type { Project, Role } from "@/lib/db";

/** A project as its members see it. */
export type ProjectView = {
  id: string;
  slug: string;
  name: string;
  role: Role;
  /** Where the hosted app is served: its own origin, never the IDE's. */
  appUrl: string;
  createdAt: Date;
  updatedAt: Date;
};

/** The origin a project's app is served on, from MYCO_APPS_URL. */
export function appUrlOf(slug: string): string {
  return getConfig().appsUrlPattern.replace("{slug}", slug);
}

/** A project row and the caller's role, as returned by the API. */
export function toProjectView(project: Project, role: Role): ProjectView {
  const { id, slug, name, createdAt, updatedAt } = project;
  return { id, slug, name, role, appUrl: appUrlOf(slug), createdAt, updatedAt };
}
