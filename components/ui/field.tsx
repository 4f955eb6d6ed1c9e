import type { InputHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string | undefined };

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ label, name, error, ...input }: FieldProps) {
  const errorId = `${name}-error`;
  return (
    <label className="field">
      <span>{label}</span>
      <input name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      {error && (
        <span id={errorId} className="field-error" role="alert" data-testid={`error-${name}`}>
          {error}
        </span>
      )}
    </label>
  );
}
