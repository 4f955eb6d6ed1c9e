"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api-client";

/** Deletes a project after the owner types its slug. */
export function DeleteProjectButton({ projectId, slug }: { projectId: string; slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();

  async function remove() {
    const typed = window.prompt(`This deletes the project and everything in it. Type "${slug}" to confirm.`);
    if (typed !== slug) return;
    const result = await api("DELETE", "/api/projects/{projectId}", { params: { projectId } });
    if (!result.ok) return setError(result.error.message);
    router.push("/projects");
    router.refresh();
  }

  return (
    <div className="stack">
      <button type="button" className="danger" onClick={remove}>Delete project</button>
      {error && <p role="alert" className="form-error">{error}</p>}
    </div>
  );
}
