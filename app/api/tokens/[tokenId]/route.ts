import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { revokeApiToken } from "@/lib/auth";

const params = z.strictObject({ tokenId: z.uuid() });

export const DELETE = route({ access: "user", summary: "Revoke an API token", params, projectTokens: true }, ({ identity, params }) => revokeApiToken(identity, params.tokenId));

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = notAllowed({ DELETE });
