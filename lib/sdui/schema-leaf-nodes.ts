import * as z from "zod";
import { Actions, Binding, ComponentName, FieldName, JsonValue, Label, LIMITS, NodeId } from "./schema-parts";
import { templateString } from "./template";

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

const FormField = z
  .strictObject({
    name: FieldName.describe("The key in {{form.<name>}} and in the JSON body."),
    label: Label,
    input: z.enum(["text", "number", "date", "checkbox", "select", "textarea"]).default("text"),
    required: z.boolean().default(false),
    options: z
      .array(z.union([Label, z.strictObject({ value: z.string().max(LIMITS.shortText), label: Label })]))
      .min(1)
      .max(LIMITS.options)
      .optional()
      .describe("The choices of a select: strings, or {value, label}."),
    placeholder: Label.optional(),
    default: z.union([z.string().max(LIMITS.longText), z.number(), z.boolean()]).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.input === "select" && !field.options) ctx.addIssue({ code: "custom", path: ["options"], message: "a select needs options" });
    if (field.input !== "select" && field.options) ctx.addIssue({ code: "custom", path: ["options"], message: "only a select has options" });
  });
export type FormField = z.infer<typeof FormField>;

export const FormNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("form"),
    fields: z.array(FormField).min(1).max(LIMITS.fields),
    submitText: Label.default("Save"),
    onSubmit: Actions.describe("Run on submit with {{form.<name>}} in scope; the form is cleared when they succeed."),
  })
  .describe("A form; required fields are checked before onSubmit runs.");

const Column = z.strictObject({
  key: FieldName.describe("The row's property."),
  label: Label,
  format: z.enum(["text", "number", "date", "currency", "boolean"]).default("text"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").default("USD"),
});
export type Column = z.infer<typeof Column>;

export const TableNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("table"),
    columns: z.array(Column).min(1).max(LIMITS.columns),
    data: Binding,
    rowActions: z
      .array(z.strictObject({ text: Label, variant: z.enum(["primary", "secondary", "danger", "ghost"]).default("secondary"), actions: Actions }))
      .max(LIMITS.rowActions)
      .optional()
      .describe("Buttons on each row; {{row.<key>}} reads the row."),
    emptyText: Label.default("Nothing here yet."),
  })
  .describe("A table of the rows a function returns (a JSON array of objects).");

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
