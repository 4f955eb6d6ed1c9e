import { useEffect, useMemo, useState, type FormEvent } from "react";
import { draftFromData, formValues, initialDraft, validateDraft, type FormDraft, type NodeOf } from "@/lib/sdui/client";
import { InlineError } from "../inline-error";
import { usePage } from "../runtime-context";
import { useBinding } from "../use-binding";
import { useRunActions } from "../use-run-actions";
import { useTemplate } from "../use-template";
import { FormFieldView } from "./form-field";
import { FIELD_CSS } from "../field-styles";
import { addStyles } from "../styles";

const FORM_CSS = `
.myco-form{display:flex;flex-direction:column;gap:14px;max-width:560px}
`;

addStyles(FIELD_CSS, FORM_CSS);

/**
 * A form of controlled inputs, starting from its defaults (templates such as {{route.id}} or {{row.x}}
 * resolved) and, when it has `data`, from the row that binding answers; it cannot be submitted while that
 * loads. Required and typed fields are checked here first (the function must still check them: a browser
 * is not a trust boundary); then onSubmit runs with {{form.…}} in scope.
 */
export function FormView({ node }: { node: NodeOf<"form"> }) {
  const resolve = useTemplate();
  const run = useRunActions();
  const { scope } = usePage();
  const initial = useMemo(() => initialDraft(node.fields, scope), [node.fields, scope]);
  const [draft, setDraft] = useState<FormDraft>(initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const source = useBinding(node.id, node.data, false);
  const loaded = node.data ? source.data : undefined;
  useEffect(() => {
    if (loaded !== undefined) setDraft((d) => draftFromData(node.fields, d, loaded));
  }, [loaded, node.fields]);
  const loading = node.data !== undefined && loaded === undefined && source.error === undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validateDraft(node.fields, draft);
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setPending(true);
    const outcome = await run(node.onSubmit, { form: formValues(node.fields, draft) });
    setPending(false);
    if (outcome.status === "failed") setError(outcome.error);
    if (outcome.status === "done" && node.reset) setDraft(initial);
  }

  const change = (name: string) => (value: string | boolean) => setDraft((d) => ({ ...d, [name]: value }));
  return (
    <form className="myco-form" data-node-id={node.id} noValidate aria-busy={pending || loading || undefined} onSubmit={(e) => void onSubmit(e)}>
      {node.data && source.error !== undefined && <InlineError nodeId={node.id} message={source.error} />}
      {loading && <p className="myco-loading">Loading…</p>}
      {node.fields.map((field) => (
        <FormFieldView key={field.name} formId={node.id} field={field} value={draft[field.name] ?? ""} error={fieldErrors[field.name]} onChange={change(field.name)} />
      ))}
      {error !== null && <InlineError nodeId={node.id} message={error} />}
      <div>
        <button type="submit" className="myco-button myco-button-primary" disabled={pending || loading}>
          {resolve(node.submitText)}
        </button>
      </div>
    </form>
  );
}
