import Link from "next/link";
import { redirect } from "next/navigation";
import { findPageIdentity } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { SignInForm } from "@/components/ide/sign-in-form";

export const metadata = { title: "Sign in · Myco" };

export default async function SignInPage() {
  if (await findPageIdentity()) redirect("/projects");
  return (
    <main className="auth-page">
      <h1>Sign in to Myco</h1>
      <SignInForm github={Boolean(getConfig().github)} />
      <p>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
