/**
 * Projects (the tenants) and their members. Sits after the storage modules because creating and
 * deleting a project also creates and removes what they keep for it.
 */
/** Create a project. */
export { CreateProjectInput, createProject } from "./create-project";
/** Read projects. */
export { getProject, listProjects } from "./read-projects";
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
