import Link from "next/link";
import { redirect } from "next/navigation";
import { findPageIdentity } from "@/lib/auth";
import { SignUpForm } from "@/components/ide/sign-up-form";

export const metadata = { title: "Sign up · Myco" };

export default async function SignUpPage() {
  if (await findPageIdentity()) redirect("/projects");
  return (
    <main className="auth-page">
      <h1>Create your Myco account</h1>
      <p className="muted">Describe an app; Myco builds it, previews it and ships it.</p>
      <SignUpForm />
      <p>
        Have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
