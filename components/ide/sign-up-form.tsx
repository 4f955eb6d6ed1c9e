"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { callApi } from "@/components/ui/api-client";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";

const FIELDS = ["name", "email", "password"] as const;

/** Creates an account, then signs in with it. */
export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
    setBusy(true);
    const result = await callApi("/api/auth/signup", { method: "POST", body });
    if (!result.ok) {
      setErrors(formErrors(result, FIELDS));
      setBusy(false);
      return;
    }
    const signedIn = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
    if (signedIn?.error) {
      setErrors({ form: "Your account was created, but signing in failed; sign in below." });
      setBusy(false);
      return;
    }
    router.push("/projects");
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Sign up">
      <Field label="Name" name="name" autoComplete="name" error={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} />
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      <button type="submit" disabled={busy}>{busy ? "Creating account…" : "Create account"}</button>
    </form>
  );
}
