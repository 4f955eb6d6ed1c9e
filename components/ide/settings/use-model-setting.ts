"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";
import { getModel, putModel, type ModelChoice, type ModelUpdate, type ProjectModelView } from "./model-api";

/** The model form's fields; the key is only ever what the person typed since the last save. */
export type Draft = { kind: ModelChoice["kind"]; provider: string; baseUrl: string; model: string; apiKey: string };

const FIELDS = ["kind", "provider", "baseUrl", "model", "apiKey"] as const;

function draftOf(view: ProjectModelView): Draft {
  const c = view.choice;
  return {
    kind: c.kind,
    provider: c.kind === "server" ? c.provider : (view.serverProviders[0]?.name ?? ""),
    baseUrl: c.kind === "custom" ? c.baseUrl : "",
    model: c.kind === "custom" ? c.model : "",
    apiKey: "",
  };
}

function updateOf(d: Draft): ModelUpdate {
  if (d.kind === "default") return { kind: "default" };
  if (d.kind === "server") return { kind: "server", provider: d.provider };
  return { kind: "custom", baseUrl: d.baseUrl.trim(), model: d.model.trim(), ...(d.apiKey ? { apiKey: d.apiKey } : {}) };
}

/** Loads the project's model setting and saves the form; a saved key is cleared from the form at once. */
export function useModelSetting(projectId: string) {
  const [view, setView] = useState<ProjectModelView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    const result = await getModel(projectId);
    if (!result.ok) return setLoadError(result.error.message);
    setView(result.data);
    setDraft(draftOf(result.data));
  }, [projectId]);

  useEffect(() => {
    void load();
  }, [load]);

  const change = useCallback((patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
  }, []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    const result = await putModel(projectId, updateOf(draft));
    setBusy(false);
    if (!result.ok) return setErrors(formErrors(result, FIELDS));
    setErrors({});
    setSaved(true);
    setView(result.data);
    setDraft(draftOf(result.data));
  }

  return { view, loadError, draft, errors, busy, saved, change, save };
}
