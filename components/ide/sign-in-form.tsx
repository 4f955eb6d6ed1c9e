"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Field } from "@/components/ui/field";

/** Email and password sign-in; GitHub sign-in appears beside it when the server has it configured. */
export function SignInForm({ github }: { github: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (result?.error) {
      const locked = result.code === "too_many_attempts";
      setError(locked ? "Too many wrong passwords for this account; try again in 15 minutes." : "Wrong email or password.");
      return;
    }
    router.push("/projects");
    router.refresh();
  }

  return (
    <div className="stack">
      <form onSubmit={submit} noValidate className="stack" aria-label="Sign in">
        <Field label="Email" name="email" type="email" autoComplete="email" />
        <Field label="Password" name="password" type="password" autoComplete="current-password" />
        {error && <p role="alert" className="form-error">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
      {github && (
        <button type="button" className="secondary" onClick={() => signIn("github", { redirectTo: "/projects" })}>
          Sign in with GitHub
        </button>
      )}
    </div>
  );
}
