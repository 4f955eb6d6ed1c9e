import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, isUniqueViolation, type User } from "@/lib/db";
import { createUser } from "./create-user";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";

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
 * Password guessing limits around one sign-in attempt (lib/security's signInGuard, bound to the email
 * and the client's address): `before` may refuse or slow the attempt; the outcome is reported after.
 */
export type SignInGuard = { before(): Promise<void>; failed(): Promise<void>; succeeded(): Promise<void> };

/**
 * The user whose email and password match, or null; takes as long for an unknown email as for a wrong
 * password. `guard` refuses or slows attempts past the sign-in limits (rate_limited names "password").
 */
export async function verifyCredentials(input: CredentialsInput, guard: SignInGuard): Promise<User | null> {
  await guard.before();
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: input.email } });
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password);
  await (ok ? guard.succeeded() : guard.failed());
  return ok ? user : null;
}
