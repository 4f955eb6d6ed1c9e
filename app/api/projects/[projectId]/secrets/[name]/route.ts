import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { SecretName, SetSecretInput, deleteSecret, setSecret } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid(), name: SecretName });

/** Sets a secret (stored encrypted; functions read it as ctx.env[name]). */
export const PUT = route({ access: "project:editor", summary: "Set a secret (functions read it as ctx.env[name])", params, body: SetSecretInput }, ({ scope, params, body }) => setSecret(scope, params.name, body));

export const DELETE = route({ access: "project:editor", summary: "Delete a secret", params }, ({ scope, params }) => deleteSecret(scope, params.name));

export const { GET, HEAD, POST, PATCH, OPTIONS } = notAllowed({ PUT, DELETE });
