import * as z from "zod";
import { parseTemplate } from "./template";

/** The blueprint format this code reads and writes; a new format gets a new number and a migration. */
export const BLUEPRINT_VERSION = 1;

// Bounds on every list, so a blueprint (written by a model) cannot make the runtime do unbounded work.
export const LIMITS = {
  shortText: 200,
  longText: 5000,
  url: 2000,
  children: 100,
  actions: 20,
  args: 20,
  fields: 50,
  columns: 20,
  rowActions: 5,
  filters: 5,
  pageSize: 100,
  tabs: 10,
  options: 200,
  routes: 100,
  pages: 100,
  nodesPerPage: 500,
  depth: 64, // JSON nesting levels; a node nests two levels below its parent (children, index)
  propsJsonChars: 16_384,
} as const;

/** A bounded string that may hold `{{scope.path}}` placeholders; bad placeholder syntax is a validation error. */
export function templateString(maxChars: number, description: string) {
  return z
    .string()
    .max(maxChars)
    .superRefine((value, ctx) => {
      const parsed = parseTemplate(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `bad template: ${parsed.message}` });
    })
    .describe(`${description} May contain placeholders {{form.x}}, {{route.x}}, {{row.x}}, {{query.x}}, {{result.x}}.`);
}

/** A node id: unique within its page, the handle `refresh` actions and error reports use. */
export const NodeId = z
  .string()
  .regex(/^[a-zA-Z][\w-]{0,63}$/, "must start with a letter and use letters, digits, _ or - (max 64)")
  .describe("Unique within the page; starts with a letter, then letters, digits, _ or -.");

/** The name of one of the app's functions (`functions/<name>.ts`, served at `/_fn/<name>`). */
export const FunctionName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, "must start with a lowercase letter and use letters, digits, - or _ (max 64)")
  .describe("A function of the app: functions/<name>.ts, served at /_fn/<name>.");

/** The name of one of the app's micro-frontends (`components/<Name>.tsx`). */
export const ComponentName = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{0,63}$/, "must be PascalCase, as in TodoChart (max 64)")
  .describe("A micro-frontend of the app: components/<Name>.tsx, PascalCase.");

/** A key of a form, a query string, a JSON body or a table row. */
export const FieldName = z
  .string()
  .regex(/^[A-Za-z_$][\w$-]{0,63}$/, "must start with a letter, _ or $ and use letters, digits, _, $ or - (max 64)");

/** A plain label shown to people; may hold placeholders. */
export const Label = templateString(LIMITS.shortText, "A short label.");

const ArgValue = z.union([templateString(LIMITS.url, "An argument value."), z.number(), z.boolean()]);

/** Appended to /_fn/<function>/: one percent-encoded segment per "/", "." and ".." dropped. */
const FunctionPath = templateString(LIMITS.url, "Appended to /_fn/<function>/, as in {{row.id}} or {{route.id}}.");

/** Data fetched from a function as GET /_fn/<function>[/<path>]?<args>. */
export const Binding = z
  .strictObject({
    function: FunctionName,
    path: FunctionPath.optional(),
    args: z
      .record(FieldName, ArgValue)
      .optional()
      .describe("Sent as the query string; string values may be templates such as {{route.id}}."),
  })
  .meta({
    id: "Binding",
    title: "Binding",
    description: "Data from GET /_fn/<function>[/<path>]?<args>. Tables and lists need a JSON array, or { rows, nextCursor } for paged tables.",
  });
export type Binding = z.infer<typeof Binding>;

const CallAction = z
  .strictObject({
    action: z.literal("call"),
    function: FunctionName,
    method: z.enum(["POST", "PUT", "PATCH", "DELETE"]).default("POST"),
    path: FunctionPath.optional(),
    args: z
      .record(FieldName, z.union([ArgValue, z.null()]))
      .optional()
      .describe("The JSON body. A value that is exactly one placeholder, such as {{form.age}}, keeps its type."),
    confirm: templateString(LIMITS.shortText, "Asked before the call; the actions stop if the person declines.").optional(),
  })
  .describe("Call a function. On failure the remaining actions are skipped and the function's error is shown.");

const NavigateAction = z
  .strictObject({
    action: z.literal("navigate"),
    to: templateString(LIMITS.url, "An app path such as /todos/{{result.id}}, or an http(s) URL."),
  })
  .describe("Go to another page of the app (or an external URL).");

const RefreshAction = z
  .strictObject({ action: z.literal("refresh"), target: NodeId.describe("The id of a bound node on the same page: a table, list, stat with data, form with data or pickers, or component.") })
  .describe("Fetch a bound node's data again.");

const MessageAction = z
  .strictObject({
    action: z.literal("message"),
    text: templateString(LIMITS.shortText, "The message."),
    tone: z.enum(["info", "success", "warning", "error"]).default("success"),
  })
  .describe("Show a short message at the top of the page.");

const CloseAction = z.strictObject({ action: z.literal("close") }).describe("Close the modal that holds this action.");

/** One step of what a button, form or row action does; steps run in order. */
export const Action = z
  .discriminatedUnion("action", [CallAction, NavigateAction, RefreshAction, MessageAction, CloseAction])
  .meta({
    id: "Action",
    title: "Action",
    description: "Steps run in order; the first failed call stops them and shows its error. {{result.x}} reads the previous call's result.",
  });
export type Action = z.infer<typeof Action>;

/** A list of actions, run in order. */
export const Actions = z.array(Action).min(1).max(LIMITS.actions);

/** Options fetched from a function: each row becomes an option, its `value` key the value and its `label` key the text. */
export const OptionsSource = z
  .strictObject({
    function: FunctionName,
    path: FunctionPath.optional(),
    args: z.record(FieldName, ArgValue).optional().describe("Sent as the query string; may hold templates."),
    value: FieldName.default("id").describe("The row key that is the option's value."),
    label: FieldName.describe("The row key shown for each option, such as name."),
  })
  .meta({ id: "OptionsSource", title: "OptionsSource", description: "Choices from GET /_fn/<function>: a JSON array of rows, or { rows }." });
export type OptionsSource = z.infer<typeof OptionsSource>;

/** A JSON value (component props); its size is bounded where it is used. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.string().max(LIMITS.longText),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(JsonValue).max(LIMITS.children),
      z.record(z.string().max(LIMITS.shortText), JsonValue),
    ]),
  )
  .meta({ id: "JsonValue", title: "JsonValue", description: "Any JSON value; strings may be templates." });
