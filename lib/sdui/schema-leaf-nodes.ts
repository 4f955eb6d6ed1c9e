import * as z from "zod";
import { Actions, Binding, ComponentName, FieldName, JsonValue, Label, LIMITS, NodeId, OptionsSource, templateString } from "./schema-parts";

const Text = (description: string) => templateString(LIMITS.longText, description);
const Url = (description: string) => templateString(LIMITS.url, description);

export const HeadingNode = z
  .strictObject({ id: NodeId, type: z.literal("heading"), text: Label, level: z.int().min(1).max(4).default(2) })
  .describe("A heading, level 1 (largest) to 4.");

export const TextNode = z
  .strictObject({ id: NodeId, type: z.literal("text"), text: Text("A paragraph of plain text."), muted: z.boolean().default(false) })
  .describe("A paragraph of text.");

export const ImageNode = z
  .strictObject({ id: NodeId, type: z.literal("image"), src: Url("An http(s) URL or an app path."), alt: Label.describe("What the image shows; empty only if decorative.") })
  .describe("An image.");

export const LinkNode = z
  .strictObject({ id: NodeId, type: z.literal("link"), text: Label, to: Url("An app path such as /todos/{{row.id}}, or an http(s) URL.") })
  .describe("A link to a page of the app or an external URL.");

export const ButtonNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("button"),
    text: Label,
    variant: z.enum(["primary", "secondary", "danger", "ghost"]).default("primary"),
    onClick: Actions,
  })
  .describe("A button that runs actions.");

/** A select's fixed choices: strings, or {value, label}. */
const Options = z
  .array(z.union([Label, z.strictObject({ value: z.string().max(LIMITS.shortText), label: Label })]))
  .min(1)
  .max(LIMITS.options);

const FormField = z
  .strictObject({
    name: FieldName.describe("The key in {{form.<name>}} and in the JSON body."),
    label: Label,
    input: z.enum(["text", "number", "date", "datetime", "email", "url", "checkbox", "select", "textarea", "hidden"]).default("text"),
    required: z.boolean().default(false),
    options: Options.optional().describe("The choices of a select: strings, or {value, label}."),
    optionsFrom: OptionsSource.optional().describe("A select's choices from a function's rows: a picker of another table's records."),
    placeholder: Label.optional(),
    default: z
      .union([templateString(LIMITS.longText, "The starting value, such as {{route.id}} or {{row.title}}."), z.number(), z.boolean()])
      .optional()
      .describe("The starting value; a template that is exactly one placeholder keeps its type. The form's data, when it has some, wins."),
  })
  .superRefine((field, ctx) => {
    const sources = Number(field.options !== undefined) + Number(field.optionsFrom !== undefined);
    if (field.input === "select" && sources !== 1) ctx.addIssue({ code: "custom", path: ["options"], message: "a select needs exactly one of options and optionsFrom" });
    if (field.input !== "select" && sources > 0) ctx.addIssue({ code: "custom", path: [field.options ? "options" : "optionsFrom"], message: "only a select has options" });
  });
export type FormField = z.infer<typeof FormField>;

export const FormNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("form"),
    fields: z.array(FormField).min(1).max(LIMITS.fields),
    data: Binding.optional().describe("Fills the fields when the form opens: the answer (an object, or an array's first row) by field name, as in { function: 'todos', path: '{{row.id}}' }."),
    submitText: Label.default("Save"),
    reset: z.boolean().default(true).describe("Whether the form is cleared after onSubmit succeeds; edit forms keep their values (false)."),
    onSubmit: Actions.describe("Run on submit with {{form.<name>}} in scope."),
  })
  .describe("A form; required and typed fields are checked before onSubmit runs.");

export const Column = z.strictObject({
  key: FieldName.describe("The row's property."),
  label: Label,
  format: z.enum(["text", "number", "date", "currency", "boolean"]).default("text"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").default("USD"),
  sortable: z.boolean().default(false).describe("A click on the header sorts by this key: the binding gets sort=<key>&dir=asc|desc."),
});
export type Column = z.infer<typeof Column>;

/** A select above a table: its value is sent as `<key>=<value>`; "All" sends nothing. */
export const TableFilter = z
  .strictObject({
    key: FieldName.describe("The query-string key the chosen value is sent as."),
    label: Label,
    options: Options.optional(),
    optionsFrom: OptionsSource.optional(),
  })
  .superRefine((filter, ctx) => {
    if (Number(filter.options !== undefined) + Number(filter.optionsFrom !== undefined) !== 1) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "a filter needs exactly one of options and optionsFrom" });
    }
  });
export type TableFilter = z.infer<typeof TableFilter>;

export const ListNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("list"),
    data: Binding,
    itemTemplate: z.strictObject({
      title: Label.describe("Each item's title, as in {{row.title}}."),
      subtitle: Label.optional(),
      to: Url("Makes the title a link, as in /todos/{{row.id}}.").optional(),
    }),
    emptyText: Label.default("Nothing here yet."),
  })
  .describe("A list of the items a function returns (a JSON array).");

export const AlertNode = z
  .strictObject({ id: NodeId, type: z.literal("alert"), tone: z.enum(["info", "success", "warning", "error"]).default("info"), text: Text("The alert's text.") })
  .describe("A highlighted message.");

export const StatNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("stat"),
    label: Label,
    value: Label.optional().describe("A fixed value or template; give this or data."),
    data: Binding.optional().describe("Fetches the value; give this or value."),
    field: z.string().regex(/^[\w$-]{1,64}(\.[\w$-]{1,64}){0,7}$/, "must be a dotted path such as totals.count").optional().describe("The dotted path of the value in the data."),
  })
  .superRefine((stat, ctx) => {
    if ((stat.value === undefined) === (stat.data === undefined)) ctx.addIssue({ code: "custom", path: ["value"], message: "give exactly one of value and data" });
    if (stat.field !== undefined && stat.data === undefined) ctx.addIssue({ code: "custom", path: ["field"], message: "field needs data" });
  })
  .describe("A labelled figure, fixed or fetched.");

export const ComponentNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("component"),
    name: ComponentName,
    props: z
      .record(z.string().max(LIMITS.shortText), JsonValue)
      .default({})
      .refine((props) => JSON.stringify(props).length <= LIMITS.propsJsonChars, `must be at most ${LIMITS.propsJsonChars} characters as JSON`)
      .describe("Passed to the component; string values may be templates."),
  })
  .describe("A slot for one of the app's own React components (components/<Name>.tsx), isolated in Shadow DOM.");
