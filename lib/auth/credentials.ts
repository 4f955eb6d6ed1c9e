import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, isUniqueViolation, type User } from "@/lib/db";
import { createUser } from "./create-user";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "./login-throttle";

/** Emails are compared lower-cased; the stored form is the identity. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be a valid email address"));
export const Password = z.string().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters");

export const SignUpInput = z.strictObject({
  email: Email,
  password: Password,
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const CredentialsInput = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export type CredentialsInput = z.infer<typeof CredentialsInput>;

/** Creates an account with a password (see createUser for what else that does). */
export async function signUp(input: SignUpInput): Promise<User> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction((tx) => createUser(tx, { email: input.email, name: input.name, passwordHash }, "password"));
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "An account with this email already exists.", "email");
    throw err;
  }
}

/**
 * The user whose email and password match, or null; takes as long for an unknown email as for a wrong
 * password, and refuses (rate_limited) an email with too many recent wrong passwords.
 */
export async function verifyCredentials(input: CredentialsInput): Promise<User | null> {
  assertLoginAllowed(input.email);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: input.email } });
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password);
  if (!ok) {
    recordLoginFailure(input.email);
    return null;
  }
  clearLoginFailures(input.email);
  return user;
}
