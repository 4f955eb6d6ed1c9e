"use client";

import { useState, type FormEvent } from "react";
import type { FunctionSettings, LimitName } from "./settings-api";
import styles from "./settings.module.css";

type Unit = "MB" | "ms" | "bytes" | "calls";
/** Each limit, in the order the runtime docs list them, with the unit its number is in. */
export const LIMITS: readonly { name: LimitName; label: string; unit: Unit }[] = [
  { name: "memoryMb", label: "Memory (isolate heap)", unit: "MB" },
  { name: "cpuMs", label: "CPU time per call", unit: "ms" },
  { name: "wallMs", label: "Wall time per call", unit: "ms" },
  { name: "maxResponseBytes", label: "Response size", unit: "bytes" },
  { name: "maxLogBytes", label: "Log output per call", unit: "bytes" },
  { name: "maxConcurrent", label: "Concurrent calls", unit: "calls" },
];

function formatValue(value: number, unit: Unit): string {
  if (unit !== "bytes") return `${value} ${unit}`;
  if (value >= 1024 * 1024 && value % (1024 * 1024) === 0) return `${value / (1024 * 1024)} MiB`;
  if (value >= 1024 && value % 1024 === 0) return `${value / 1024} KiB`;
  return `${value} bytes`;
}

type Props = {
  settings: FunctionSettings;
  canEdit: boolean;
  busy: boolean;
  /** Field-keyed errors from the server: `limits.cpuMs` and so on. */
  errors: Record<string, string>;
  onSave: (limits: FunctionSettings["limits"]) => void;
  onInvalid: (errors: Record<string, string>) => void;
};

/** Each limit's effective value and default; owners set an override per limit (empty = the default). */
export function LimitsForm({ settings, canEdit, busy, errors, onSave, onInvalid }: Props) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(LIMITS.map((l) => [l.name, settings.limits[l.name] === undefined ? "" : String(settings.limits[l.name])])),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const limits: FunctionSettings["limits"] = {};
    const invalid: Record<string, string> = {};
    for (const { name } of LIMITS) {
      const text = (draft[name] ?? "").trim();
      if (text === "") continue;
      const value = Number(text);
      if (Number.isInteger(value) && value > 0) limits[name] = value;
      else invalid[`limits.${name}`] = "Enter a whole number, or leave it empty for the default.";
    }
    if (Object.keys(invalid).length > 0) return onInvalid(invalid);
    onSave(limits);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Function limits" className="stack">
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>Limit</th><th>Effective</th><th>Default</th>{canEdit && <th>Override</th>}</tr></thead>
          <tbody>
            {LIMITS.map(({ name, label, unit }) => {
              const override = settings.limits[name];
              const effective = override ?? settings.defaults[name];
              const error = errors[`limits.${name}`];
              return (
                <tr key={name} data-testid={`limit-${name}`}>
                  <th scope="row" className={styles.rowHead}>{label}</th>
                  <td>{formatValue(effective, unit)}{override !== undefined && <span className="muted"> (set)</span>}</td>
                  <td>{formatValue(settings.defaults[name], unit)}</td>
                  {canEdit && (
                    <td>
                      <input className={styles.numberInput} type="number" inputMode="numeric" min={1} step={1} aria-label={`${label} override (${unit})`}
                        placeholder={String(settings.defaults[name])} value={draft[name] ?? ""} aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `limit-${name}-error` : undefined} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
                      {error && <span id={`limit-${name}-error`} role="alert" className="field-error">{error}</span>}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit && <div><button type="submit" disabled={busy}>Save limits</button></div>}
    </form>
  );
}
