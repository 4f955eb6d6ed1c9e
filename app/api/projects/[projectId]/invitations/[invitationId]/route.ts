import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { revokeInvitation } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid(), invitationId: z.uuid() });

export const DELETE = route({ access: "project:owner", summary: "Withdraw an invitation", params }, ({ scope, params, log }) =>
  revokeInvitation(scope, params.invitationId, log),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = notAllowed({ DELETE });
