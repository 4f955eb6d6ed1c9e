import { selectOptions, type FormField } from "@/lib/sdui/client";
import { useOptions } from "../use-options";
import { useTemplate } from "../use-template";

type FormFieldProps = {
  formId: string;
  field: FormField;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
};

type InputProps = Omit<FormFieldProps, "formId" | "error"> & { formId: string; inputId: string; describedBy: string | undefined };

const INPUT_TYPES: Partial<Record<FormField["input"], string>> = { datetime: "datetime-local" };

// A select of fixed options, or a picker of another table's rows (its options fetched, refreshed with the form).
function SelectInput({ field, value, onChange, formId, common, placeholder }: InputProps & { common: Record<string, unknown>; placeholder: string | undefined }) {
  const resolve = useTemplate();
  const { choices, error } = useOptions(field.optionsFrom, formId);
  const options = field.optionsFrom ? (choices ?? []) : selectOptions(field);
  const text = typeof value === "string" ? value : "";
  const known = text === "" || options.some((o) => o.value === text);
  return (
    <>
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)} aria-busy={field.optionsFrom && choices === undefined ? true : undefined}>
        {(!field.required || text === "") && <option value="">{placeholder ?? (field.required ? "Choose…" : "—")}</option>}
        {!known && <option value={text}>#{text}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {resolve(o.label)}
          </option>
        ))}
      </select>
      {error && <span className="myco-field-error">{error}</span>}
    </>
  );
}

function FieldInput(props: InputProps) {
  const { field, value, onChange, inputId, describedBy } = props;
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
      return <SelectInput {...props} common={common} placeholder={placeholder} />;
    default:
      return <input {...common} type={INPUT_TYPES[field.input] ?? field.input} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** A labelled, controlled input; its error is announced and tied to it with aria-describedby. A hidden field shows nothing. */
export function FormFieldView({ formId, field, value, error, onChange }: FormFieldProps) {
  const resolve = useTemplate();
  if (field.input === "hidden") return null;
  const inputId = `${formId}-${field.name}`;
  const errorId = `${inputId}-error`;
  const isCheckbox = field.input === "checkbox";
  return (
    <div className={isCheckbox ? "myco-field myco-field-checkbox" : "myco-field"}>
      <label htmlFor={inputId}>
        {resolve(field.label)}
        {field.required && <span className="myco-required" aria-hidden="true"> *</span>}
      </label>
      <FieldInput formId={formId} field={field} value={value} onChange={onChange} inputId={inputId} describedBy={error ? errorId : undefined} />
      {error && (
        <span className="myco-field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
