import { selectOptions, type FormField } from "@/lib/sdui";
import { useTemplate } from "../use-template";

type FormFieldProps = {
  formId: string;
  field: FormField;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
};

function FieldInput({ field, value, onChange, inputId, describedBy }: Omit<FormFieldProps, "formId" | "error"> & { inputId: string; describedBy: string | undefined }) {
  const resolve = useTemplate();
  const common = {
    id: inputId,
    name: field.name,
    "aria-required": field.required || undefined,
    "aria-invalid": describedBy ? true : undefined,
    "aria-describedby": describedBy,
  };
  const text = typeof value === "string" ? value : "";
  const placeholder = field.placeholder === undefined ? undefined : resolve(field.placeholder);
  switch (field.input) {
    case "checkbox":
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case "textarea":
      return <textarea {...common} rows={4} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
    case "select":
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">{placeholder ?? "—"}</option>}
          {selectOptions(field).map((o) => (
            <option key={o.value} value={o.value}>
              {resolve(o.label)}
            </option>
          ))}
        </select>
      );
    default:
      return <input {...common} type={field.input} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** A labelled, controlled input; its error is announced and tied to it with aria-describedby. */
export function FormFieldView({ formId, field, value, error, onChange }: FormFieldProps) {
  const resolve = useTemplate();
  const inputId = `${formId}-${field.name}`;
  const errorId = `${inputId}-error`;
  const isCheckbox = field.input === "checkbox";
  return (
    <div className={isCheckbox ? "myco-field myco-field-checkbox" : "myco-field"}>
      <label htmlFor={inputId}>
        {resolve(field.label)}
        {field.required && <span className="myco-required" aria-hidden="true"> *</span>}
      </label>
      <FieldInput field={field} value={value} onChange={onChange} inputId={inputId} describedBy={error ? errorId : undefined} />
      {error && (
        <span className="myco-field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
