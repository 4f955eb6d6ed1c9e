import * as z from "zod";
import {
  AlertNode, ButtonNode, Column, ComponentNode, FormNode, HeadingNode, ImageNode, LinkNode, ListNode, StatNode, TableFilter, TextNode,
} from "./schema-leaf-nodes";
import { Actions, Binding, Label, LIMITS, NodeId } from "./schema-parts";

// The annotation breaks the inference cycle Node -> container -> children -> Node.
type Children = z.ZodDefault<z.ZodArray<typeof Node>>;
type ModalChildren = z.ZodArray<typeof Node>;

const Gap = z.enum(["none", "sm", "md", "lg"]).default("md");

// Containers name Node through getters: the tree is recursive, and a getter defers the reference until
// parse time (and lets z.toJSONSchema emit a $ref instead of recursing forever).
const StackNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("stack"),
    direction: z.enum(["column", "row"]).default("column"),
    gap: Gap,
    get children(): Children {
      return z.array(Node).max(LIMITS.children).default([]);
    },
  })
  .describe("Lays its children out in a column (default) or a row.");

const GridNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("grid"),
    columns: z.int().min(1).max(6).default(2),
    gap: Gap,
    get children(): Children {
      return z.array(Node).max(LIMITS.children).default([]);
    },
  })
  .describe("A grid of equal columns that collapses to one column on narrow screens.");

const CardNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("card"),
    title: Label.optional(),
    get children(): Children {
      return z.array(Node).max(LIMITS.children).default([]);
    },
  })
  .describe("A bordered panel with an optional title.");

const Tab = z.strictObject({
  label: Label,
  get children(): Children {
    return z.array(Node).max(LIMITS.children).default([]);
  },
});

const TabsNode = z
  .strictObject({ id: NodeId, type: z.literal("tabs"), tabs: z.array(Tab).min(1).max(LIMITS.tabs) })
  .describe("Tabs; only the selected tab's children are shown.");

const ModalNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("modal"),
    title: Label,
    trigger: Label.describe("The text of the button that opens the modal."),
    get children(): Children {
      return z.array(Node).max(LIMITS.children).default([]);
    },
  })
  .describe("A button that opens a dialog; a close action inside it closes it.");

const Variant = z.enum(["primary", "secondary", "danger", "ghost"]).default("secondary");

// A row's button runs actions, or opens a dialog whose nodes have {{row.<key>}} in scope (an edit form).
const RowAction = z
  .strictObject({
    text: Label,
    variant: Variant,
    actions: Actions.optional(),
    modal: z
      .strictObject({
        title: Label,
        get children(): ModalChildren {
          return z.array(Node).min(1).max(LIMITS.children);
        },
      })
      .optional()
      .describe("A dialog opened for the row; its nodes read {{row.<key>}}, and a close action inside closes it."),
  })
  .superRefine((action, ctx) => {
    if ((action.actions === undefined) === (action.modal === undefined)) ctx.addIssue({ code: "custom", path: ["actions"], message: "give exactly one of actions and modal" });
  });

const TableNode = z
  .strictObject({
    id: NodeId,
    type: z.literal("table"),
    columns: z.array(Column).min(1).max(LIMITS.columns),
    data: Binding,
    search: z.strictObject({ placeholder: Label.optional() }).optional().describe("A search box; its text is sent as q."),
    filters: z.array(TableFilter).max(LIMITS.filters).optional().describe("Selects above the table, each sent as <key>=<value>."),
    pageSize: z.int().min(1).max(LIMITS.pageSize).optional().describe("Sends limit (and cursor); the function answers { rows, nextCursor } and the table pages."),
    rowActions: z.array(RowAction).max(LIMITS.rowActions).optional().describe("Buttons on each row; {{row.<key>}} reads the row."),
    emptyText: Label.default("Nothing here yet."),
  })
  .describe("A table of the rows a function returns (a JSON array of objects, or { rows, nextCursor } when paged).");

/** One element of a page: a primitive chosen by `type`, with that primitive's props. */
export const Node = z
  .discriminatedUnion("type", [
    StackNode, GridNode, CardNode, HeadingNode, TextNode, ImageNode, LinkNode, ButtonNode, FormNode, TableNode,
    ListNode, TabsNode, ModalNode, AlertNode, StatNode, ComponentNode,
  ])
  .meta({ id: "Node", title: "Node", description: "One element of a page, chosen by type. Every node has an id unique in its page." });
export type Node = z.infer<typeof Node>;

/** The type names of the built-in primitives. */
export const PRIMITIVE_TYPES = [
  "stack", "grid", "card", "heading", "text", "image", "link", "button", "form", "table", "list", "tabs", "modal", "alert", "stat",
  "component",
] as const satisfies readonly Node["type"][];
export type PrimitiveType = (typeof PRIMITIVE_TYPES)[number];

/** The node of a given type. */
export type NodeOf<T extends PrimitiveType> = Extract<Node, { type: T }>;
