import Link from "next/link";
import { redirect } from "next/navigation";
import { findPageIdentity } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { SignInForm } from "@/components/ide/sign-in-form";

export const metadata = { title: "Sign in · Myco" };

// next-auth's error codes (it sends errors here, pages.error); the code itself is never shown.
const ERRORS: Record<string, string> = {
  Configuration: "Signing in is not set up correctly on this server; an administrator can find the cause in its logs.",
  AccessDenied: "Access was denied.",
  Verification: "This sign-in link is no longer valid.",
  CredentialsSignin: "Wrong email or password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await findPageIdentity()) redirect("/projects");
  const code = (await searchParams).error;
  const known = code !== undefined && Object.hasOwn(ERRORS, String(code));
  const error = code === undefined ? undefined : known ? ERRORS[String(code)] : "Signing in did not work; try again.";
  return (
    <main className="auth-page">
      <h1>Sign in to Myco</h1>
      {error && <p role="alert" className="form-error">{error}</p>}
      <SignInForm github={Boolean(getConfig().github)} />
      <p>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
