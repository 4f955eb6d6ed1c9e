/** The rules of form fields: a form's, and a table's filters (which are fields too). */
export const FIELD_CSS = `
.myco-field{display:flex;flex-direction:column;gap:6px}
.myco-field label{font-weight:550;font-size:.925rem}
.myco-field-checkbox{flex-direction:row;flex-wrap:wrap;align-items:center}
.myco-field-checkbox label{order:2}.myco-field-checkbox .myco-field-error{order:3;flex-basis:100%}
.myco-field :is(input:not([type=checkbox]),select,textarea){font:inherit;padding:8px 10px;border:1px solid var(--myco-border);border-radius:var(--myco-radius);background:var(--myco-surface);color:inherit;width:100%}
.myco-field input[type=checkbox]{width:18px;height:18px;accent-color:var(--myco-primary)}
.myco-field [aria-invalid=true]{border-color:#dc2626}
.myco-required{color:#dc2626}
.myco-field-error{color:#b91c1c;font-size:.875rem}
`;
