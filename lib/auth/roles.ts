import type { Role } from "@/lib/db";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** All roles, lowest first. */
export const ROLES = ["viewer", "editor", "owner"] as const satisfies readonly Role[];

/** True when `role` grants at least what `required` grants. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
