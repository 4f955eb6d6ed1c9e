// Blueprints the sdui tests share. They are plain JSON (as app.json is), so each test copies and breaks one.
import { seedFiles } from "@/lib/workspace/seed";

/** The blueprint every new project starts with, exactly as the workspace seeds it. */
export function seedBlueprint(): unknown {
  return JSON.parse(seedFiles("My App", "my-app")["app.json"] ?? "null") as unknown;
}

/** A todo app using every primitive: a table bound to `todos`, a form that adds one, a component slot. */
const CRUD = {
  version: 1,
  name: "Todos",
  description: "Keeps track of things to do.",
  theme: { primaryColor: "#0ea5e9", radius: "lg" },
  routes: [
    { path: "/", page: "home" },
    { path: "/todos/:id", page: "todo" },
  ],
  pages: {
    home: {
      title: "Todos",
      body: {
        id: "root",
        type: "stack",
        children: [
          { id: "title", type: "heading", text: "Todos", level: 1 },
          { id: "open-count", type: "stat", label: "Open", data: { function: "stats" }, field: "open" },
          {
            id: "todo-table",
            type: "table",
            columns: [
              { key: "title", label: "Title" },
              { key: "done", label: "Done", format: "boolean" },
              { key: "due", label: "Due", format: "date" },
            ],
            data: { function: "todos", args: { done: "{{query.done}}", limit: 50 } },
            rowActions: [
              { text: "Open", actions: [{ action: "navigate", to: "/todos/{{row.id}}" }] },
              {
                text: "Delete",
                variant: "danger",
                actions: [
                  { action: "call", function: "todos", method: "DELETE", path: "{{row.id}}", confirm: "Delete {{row.title}}?" },
                  { action: "refresh", target: "todo-table" },
                ],
              },
            ],
            emptyText: "No todos yet.",
          },
          {
            id: "add-todo",
            type: "form",
            fields: [
              { name: "title", label: "Title", required: true, placeholder: "Buy milk" },
              { name: "due", label: "Due", input: "date" },
              { name: "priority", label: "Priority", input: "select", options: ["low", { value: "high", label: "High" }] },
            ],
            submitText: "Add",
            onSubmit: [
              { action: "call", function: "todos", method: "POST", args: { title: "{{form.title}}", due: "{{form.due}}" } },
              { action: "refresh", target: "todo-table" },
              { action: "message", text: "Added todo #{{result.id}}", tone: "success" },
            ],
          },
          { id: "chart", type: "component", name: "TodoChart", props: { title: "Progress", filter: "{{query.done}}", max: 10 } },
        ],
      },
    },
    todo: {
      title: "Todo {{route.id}}",
      body: {
        id: "root",
        type: "grid",
        columns: 2,
        children: [
          {
            id: "details",
            type: "card",
            title: "Todo #{{route.id}}",
            children: [
              { id: "back", type: "link", text: "All todos", to: "/" },
              { id: "logo", type: "image", src: "/logo.png", alt: "Logo" },
              { id: "note", type: "alert", tone: "info", text: "Changes save immediately." },
              { id: "notes", type: "text", text: "Notes for {{route.id}}", muted: true },
              {
                id: "done-button",
                type: "button",
                text: "Mark done",
                onClick: [
                  { action: "call", function: "todos", method: "PATCH", path: "{{route.id}}", args: { done: true } },
                  { action: "navigate", to: "/" },
                ],
              },
            ],
          },
          {
            id: "more",
            type: "tabs",
            tabs: [
              {
                label: "Comments",
                children: [
                  {
                    id: "comments",
                    type: "list",
                    data: { function: "comments", args: { todo: "{{route.id}}" } },
                    itemTemplate: { title: "{{row.author}}", subtitle: "{{row.text}}" },
                  },
                ],
              },
              {
                label: "Edit",
                children: [
                  {
                    id: "edit",
                    type: "modal",
                    title: "Rename",
                    trigger: "Rename…",
                    children: [
                      {
                        id: "rename",
                        type: "form",
                        fields: [{ name: "title", label: "New title", required: true }],
                        onSubmit: [
                          { action: "call", function: "todos", method: "PUT", path: "{{route.id}}", args: { title: "{{form.title}}" } },
                          { action: "refresh", target: "comments" },
                          { action: "close" },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },
};

/** A fresh copy of the CRUD blueprint, for a test to change. */
export function crudBlueprint(): Record<string, any> {
  return structuredClone(CRUD);
}
