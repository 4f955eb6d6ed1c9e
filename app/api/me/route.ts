import { route, notAllowed } from "@/lib/http";

export const GET = route({ access: "user", summary: "The caller", projectTokens: true }, ({ identity }) => ({
  id: identity.userId,
  email: identity.email,
  name: identity.name,
  isAdmin: identity.isAdmin,
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
