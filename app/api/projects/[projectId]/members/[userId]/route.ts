import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { UpdateMemberInput, removeMember, updateMemberRole } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid(), userId: z.uuid() });

export const PATCH = route({ access: "project:owner", summary: "Change a member's role", params, body: UpdateMemberInput }, ({ scope, params, body, log }) =>
  updateMemberRole(scope, params.userId, body, log),
);

/** Owners remove anyone; any member may remove themselves (leave). */
export const DELETE = route({ access: "project:viewer", summary: "Remove a member, or leave the project", params }, ({ scope, params, log }) =>
  removeMember(scope, params.userId, log),
);

export const { GET, HEAD, POST, PUT, OPTIONS } = notAllowed({ PATCH, DELETE });
