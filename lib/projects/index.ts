/**
 * Projects (the tenants) and their members. Sits after the storage modules because creating and
 * deleting a project also creates and removes what they keep for it.
 */
/** Create a project. */
export { CreateProjectInput, createProject } from "./create-project";
/** Read projects. */
export { getProject, listProjectNames, listProjects } from "./read-projects";
/** Rename, re-slug or delete a project. */
export { UpdateProjectInput, deleteProject, updateProject } from "./update-project";
/** Members and invitations. */
export {
  InviteMemberInput,
  UpdateMemberInput,
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
  updateMemberRole,
  type MemberView,
} from "./members";
/** A project as the API returns it, and its app's origin. */
export { appUrlOf, type ProjectView } from "./project-view";
/** Slug rules. */
export { Slug, slugify } from "./slug";
/** The audit log: a project's events for its owners, every event for the platform admin, and retention. */
export { AuditQuery, EXPORT_LIMIT, pruneAuditEvents, readPlatformAudit, readProjectAudit, type AuditEventView, type AuditPage } from "./audit-log";
/** The master dashboard: projects at a glance (every project for the platform admin) and one project in full. */
export { StatsRange, type FunctionStats, type StatsPoint } from "./dashboard/function-stats";
export { listProjectSummaries, type ProjectSummary, type StorageUse } from "./dashboard/project-summary";
export { getProjectOverview, type ComponentOverview, type EnvRoutes, type FunctionOverview, type ProjectOverview, type UsedBy } from "./dashboard/project-overview";
