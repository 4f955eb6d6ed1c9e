"use client";

import { useCallback, useEffect, useState } from "react";
import type { ApiResult } from "@/components/ui/api-client";
import { AllowedHostsForm } from "./allowed-hosts-form";
import { LimitsForm } from "./limits-form";
import { getFunctionSettings, putFunctionSettings, type FunctionSettings } from "./settings-api";

type State = { settings: FunctionSettings } | { error: string } | null;
type Part = "limits" | "hosts";

/** The message of a failed save under the field it names (`limits.cpuMs`, `allowedHosts.0`), else under `form`. */
function errorsOf(result: Extract<ApiResult<unknown>, { ok: false }>): Record<string, string> {
  const { field, message } = result.error;
  const text = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return field && /^(limits\.|allowedHosts)/.test(field) ? { [field]: text } : { form: message };
}

/** Function limits (effective value and default of each) and the outbound-host allowlist; owners change them, others read. */
export function FunctionLimitsSection({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const [state, setState] = useState<State>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getFunctionSettings(projectId);
    setState(result.ok ? { settings: result.data } : { error: result.error.message });
  }, [projectId]);

  useEffect(() => {
    void load();
  }, [load]);

  // The route replaces both parts at once, so each save sends the other part as last saved.
  async function save(part: Part, next: Pick<FunctionSettings, "limits" | "allowedHosts">) {
    setBusy(true);
    const result = await putFunctionSettings(projectId, next);
    setBusy(false);
    if (!result.ok) return setErrors(errorsOf(result));
    setErrors({});
    setState({ settings: result.data });
    setNotice(part === "limits" ? "Limits saved; the next call runs with them." : "Allowed hosts saved.");
  }

  const heading = <h2 id="function-limits-heading">Function limits</h2>;
  if (state === null) return <section className="panel" aria-busy="true">{heading}<p className="muted">Loading function settings…</p></section>;
  if ("error" in state) return <section className="panel">{heading}<p role="alert" className="form-error">{state.error}</p></section>;
  const { settings } = state;
  return (
    <section className="panel" aria-labelledby="function-limits-heading">
      {heading}
      <p className="muted">What each function call may use. An empty override runs at the default.{canEdit ? "" : " Only owners change these."}</p>
      <LimitsForm settings={settings} canEdit={canEdit} busy={busy} errors={errors} onInvalid={setErrors}
        onSave={(limits) => void save("limits", { limits, allowedHosts: settings.allowedHosts })} />
      <h3>Outbound hosts</h3>
      <p className="muted">The hosts <code>ctx.fetch</code> may reach: exact names, or <code>*.example.com</code> for its subdomains. Private and loopback addresses stay unreachable.</p>
      <AllowedHostsForm hosts={settings.allowedHosts} canEdit={canEdit} busy={busy} errors={errors}
        onSave={(allowedHosts) => void save("hosts", { limits: settings.limits, allowedHosts })} />
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      {notice && <p role="status" className="muted">{notice}</p>}
    </section>
  );
}
