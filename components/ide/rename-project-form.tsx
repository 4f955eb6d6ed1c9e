"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api-client";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";

/** Renames a project (editors and owners). */
export function RenameProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("name") ?? "");
    const result = await api("PATCH", "/api/projects/{projectId}", { params: { projectId }, body: { name: next } });
    if (!result.ok) return setErrors(formErrors(result, ["name"]));
    setErrors({});
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label="Rename project">
      <Field label="Project name" name="name" defaultValue={name} error={errors.name} />
      <button type="submit">Rename</button>
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
    </form>
  );
}
