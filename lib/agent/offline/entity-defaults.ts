// What the planner assumes when a request names an app or a record type but not its fields.
import type { FieldSpec } from "./app-spec";
import { inferField } from "./infer-field";

/** Words that name the kind of app, not a record type: "todo app", "expense tracker", "recipe book". */
export const APP_KINDS = new Set([
  "app", "apps", "application", "tracker", "tracking", "manager", "management", "list", "lists", "log", "logger",
  "book", "journal", "diary", "planner", "catalog", "catalogue", "database", "db", "system", "tool", "organizer",
  "organiser", "keeper", "site", "portal", "registry", "directory", "crm", "blog", "inventory", "collection",
  "library", "hub", "platform", "dashboard", "board", "builder", "thing", "program", "software", "page", "store", "shop",
  "watchlist", "wishlist", "checklist", "box", "binder", "notebook", "pipeline", "schedule", "scheduler", "calendar", "roster",
]);

// An app kind alone ("a CRM", "a blog") still implies the records it keeps.
const KIND_ENTITIES: Record<string, string[]> = {
  crm: ["contact", "deal"], blog: ["post", "comment"], inventory: ["product"], library: ["book"],
  journal: ["entry"], diary: ["entry"], log: ["entry"], store: ["product", "order"], shop: ["product", "order"],
  planner: ["task"], catalog: ["item"], catalogue: ["item"], directory: ["contact"], board: ["task"],
};

const DEFAULT_FIELDS: Record<string, string[]> = {
  contact: ["name", "email", "phone"], deal: ["title", "amount", "stage"], post: ["title", "body", "published"],
  comment: ["author", "body"], product: ["name", "price", "quantity"], supplier: ["name", "email", "phone"],
  ingredient: ["name", "quantity"], task: ["title", "done", "due date"], todo: ["title", "done", "due date"],
  book: ["title", "author", "read"], order: ["customer", "date", "total", "status"], expense: ["amount", "category", "date"],
  workout: ["date", "exercise", "duration"], recipe: ["name", "servings", "instructions"], entry: ["title", "date", "notes"],
  movie: ["title", "year", "rating", "watched"], film: ["title", "year", "rating", "watched"], customer: ["name", "email", "phone"], employee: ["name", "email", "salary"],
  event: ["title", "date", "location"], note: ["title", "body"], item: ["name", "notes"], habit: ["name", "notes"],
  project: ["name", "status", "deadline"], payment: ["amount", "date", "paid"], activity: ["title", "date", "notes"],
  debt: ["amount", "date", "paid back (yes/no)"], piece: ["title", "composer"], lesson: ["date", "duration", "notes"],
  property: ["address", "rent"], tenant: ["name", "email", "phone"], candidate: ["name", "email", "phone"], agent: ["name", "email"],
  location: ["name", "address"], job: ["title", "company", "location", "salary"], company: ["name", "website"],
  product_category: ["name"], team: ["name"], group: ["name"], room: ["name", "capacity"], venue: ["name", "address"], exercise: ["name", "notes"], set: ["reps", "weight"], objective: ["title", "quarter"], step: ["number", "instruction"], tag: ["name"], category: ["name"], member: ["name", "email"],
  student: ["name", "email"], course: ["title", "description"], class: ["name", "teacher"], friend: ["name", "phone"], client: ["name", "email", "phone"], invoice: ["number", "amount", "due date", "paid"], review: ["author", "rating", "body"],
};
const FALLBACK_FIELDS = ["name", "notes"];

/** Records that belong to another record when the request says nothing else: a comment is on a post. */
export const CHILD_KINDS = new Set(["comment", "review", "ingredient", "step", "line_item", "reply", "attachment", "subtask", "payment", "rent_payment", "activity", "lesson", "visit", "log", "entry_line"]);

/** The record types an app kind implies, or [] when it implies none. */
export function kindEntities(kind: string): string[] {
  return KIND_ENTITIES[kind] ?? [];
}

/** Default fields of an entity named in the request without any. */
export function defaultFields(entity: string): FieldSpec[] {
  const items = DEFAULT_FIELDS[entity] ?? DEFAULT_FIELDS[entity.split("_").pop() ?? ""] ?? FALLBACK_FIELDS;
  const fields = items.map((words) => inferField({ words })).filter((f): f is FieldSpec => f !== null);
  // The first text field is what a row is known by, so it may not be left empty.
  return fields.map((f, i) => (i === 0 && f.type === "text" ? { ...f, required: true } : f));
}
