"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { api } from "@/components/ui/api-client";
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
    const field = (f: (typeof FIELDS)[number]) => String(form.get(f) ?? "");
    const body = { name: field("name"), email: field("email"), password: field("password") };
    setBusy(true);
    const result = await api("POST", "/api/auth/signup", { body });
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
