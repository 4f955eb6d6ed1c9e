// Matched by name and code rather than instanceof: the client singleton outlives Next's dev HMR, so its
// errors can come from an older copy of the generated Prisma namespace than the caller imported.
function hasPrismaCode(err: unknown, code: string): boolean {
  return err instanceof Error && err.name === "PrismaClientKnownRequestError" && "code" in err && err.code === code;
}

/** True for a unique-constraint violation (Prisma P2002), including composite uniques. */
export function isUniqueViolation(err: unknown): boolean {
  return hasPrismaCode(err, "P2002");
}

/** True when a required record was missing (Prisma P2025: update/delete/connect of a row that is not there). */
export function isNotFound(err: unknown): boolean {
  return hasPrismaCode(err, "P2025");
}
