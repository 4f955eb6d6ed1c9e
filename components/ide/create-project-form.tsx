"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api-client";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";

/** Creates a project and opens it. */
export function CreateProjectForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setBusy(true);
    const result = await api("POST", "/api/projects", { body: { name } });
    setBusy(false);
    if (!result.ok) return setErrors(formErrors(result, ["name"]));
    router.push(`/projects/${result.data.id}`);
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label="New project">
      <Field label="New project" name="name" placeholder="e.g. Team CRM" error={errors.name} />
      <button type="submit" disabled={busy}>Create project</button>
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
    </form>
  );
}
