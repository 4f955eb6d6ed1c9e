import { z } from "zod";
import { route, created, notAllowed } from "@/lib/http";
import { InviteMemberInput, inviteMember, listMembers } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", summary: "Members and pending invitations", params }, ({ scope }) => listMembers(scope));

/** Adds an existing user, or invites an email that has no account yet. */
export const POST = route({ access: "project:owner", summary: "Add a member, or invite an email without an account", params, body: InviteMemberInput }, async ({ scope, body, log }) =>
  created(await inviteMember(scope, body, log)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
