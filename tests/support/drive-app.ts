// Drives a generated app in a real browser the way a person would: for each list page, "New …", fill
// every field by its label (pickers choose a parent row created before, by its name), save, see the row;
// Edit it (the dialog must come prefilled), change a value, save, see it; then delete rows, children first.
import type { Locator, Page } from "@playwright/test";

type Json = Record<string, unknown>;
type Field = { name: string; label: string; input?: string; options?: (string | { value: string; label: string })[]; optionsFrom?: { function: string; label: string } };
type Form = { id: string; fields: Field[]; submitText?: string };
type ListPage = { path: string; table: string; fn: string; trigger: string; form: Form };

/** One step that failed, in words; a run with none worked end to end. */
export type DriveResult = { failures: string[]; pickers: number; rows: number };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function nodes(node: unknown, out: Json[] = []): Json[] {
  if (!isObject(node)) return out;
  out.push(node);
  for (const child of Array.isArray(node.children) ? node.children : []) nodes(child, out);
  return out;
}

/** The list pages of a planner-made blueprint: a table with Edit, and a "New …" dialog with its add form. */
export function listPages(blueprint: Json): ListPage[] {
  const pages = isObject(blueprint.pages) ? blueprint.pages : {};
  const routes = (Array.isArray(blueprint.routes) ? blueprint.routes : []).filter(isObject);
  return routes.flatMap((route): ListPage[] => {
    const page = pages[String(route.page)];
    if (!isObject(page) || String(route.path).includes(":")) return [];
    const all = nodes(page.body);
    const table = all.find((n) => n.type === "table" && Array.isArray(n.rowActions));
    const modal = all.find((n) => n.type === "modal" && String(n.id).startsWith("new-"));
    const form = modal && (modal.children as Json[])?.[0];
    if (!table || !modal || !isObject(form) || !isObject(table.data)) return [];
    return [{ path: String(route.path), table: String(table.id), fn: String(table.data.function), trigger: String(modal.trigger), form: form as unknown as Form }];
  });
}

// Parents first: a page whose pickers read functions not yet filled waits for them.
function ordered(pages: ListPage[]): ListPage[] {
  const done: ListPage[] = [];
  const rest = [...pages];
  while (rest.length > 0) {
    const i = rest.findIndex((p) => p.form.fields.every((f) => !f.optionsFrom || f.optionsFrom.function === p.fn || done.some((d) => d.fn === f.optionsFrom?.function) || !rest.some((r) => r.fn === f.optionsFrom?.function)));
    done.push(...rest.splice(i === -1 ? 0 : i, 1));
  }
  return done;
}

const textInputs = new Set([undefined, "text", "textarea"]);

/** A field's label exactly, with the " *" a required field's label ends in. */
export const labelled = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`);

async function fill(dialog: Locator, field: Field, n: number, typed: Map<string, Record<string, string>>, failures: string[], where: string): Promise<string | null> {
  const input = dialog.getByLabel(labelled(field.label));
  switch (field.input) {
    case "hidden":
      return null;
    case "checkbox":
      await input.check();
      return null;
    case "number":
      await input.fill(String(7 + n));
      return String(7 + n);
    case "date":
      await input.fill("2030-01-15");
      return null;
    case "datetime":
      await input.fill("2030-01-15T10:30");
      return null;
    case "email":
      await input.fill(`person${n}@example.com`);
      return `person${n}@example.com`;
    case "url":
      await input.fill(`https://example.com/${n}`);
      return null;
    case "select": {
      if (field.optionsFrom) {
        const parent = typed.get(field.optionsFrom.function)?.[field.optionsFrom.label];
        if (!parent) return null;
        const option = input.locator("option", { hasText: parent });
        try {
          await option.first().waitFor({ state: "attached", timeout: 4_000 });
          await input.selectOption({ label: parent });
        } catch {
          failures.push(`${where}: the ${field.label} picker does not list "${parent}"`);
        }
        return null;
      }
      const options = field.options ?? [];
      const last = options[options.length - 1];
      if (last !== undefined) await input.selectOption(typeof last === "string" ? last : last.value);
      return null;
    }
    default: {
      const value = `${field.label} ${n}`;
      await input.fill(value);
      return value;
    }
  }
}

async function hasValue(input: Locator, value: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if ((await input.inputValue().catch(() => "")) === value) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Creates, lists, edits and deletes a row of every list page of the app at `origin`. */
export async function driveApp(page: Page, origin: string, blueprint: Json): Promise<DriveResult> {
  const failures: string[] = [];
  const typed = new Map<string, Record<string, string>>();
  const created: { list: ListPage; text: string | null }[] = [];
  let pickers = 0;
  const pages = ordered(listPages(blueprint));
  if (pages.length === 0) return { failures: ["no list page with a New dialog and an editable table"], pickers, rows: 0 };
  for (const [n, list] of pages.entries()) {
    const where = `${list.fn} (${list.path})`;
    try {
      await page.goto(`${origin}${list.path}`);
      await page.getByRole("button", { name: list.trigger }).click();
      const dialog = page.getByRole("dialog");
      const values: Record<string, string> = {};
      for (const field of list.form.fields) {
        if (field.optionsFrom) pickers += 1;
        const value = await fill(dialog, field, n + 1, typed, failures, where);
        if (value !== null) values[field.name] = value;
      }
      await dialog.getByRole("button", { name: list.form.submitText ?? "Save" }).click();
      await dialog.waitFor({ state: "hidden", timeout: 6_000 });
      typed.set(list.fn, values);
      const text = list.form.fields.filter((f) => textInputs.has(f.input) && values[f.name]).map((f) => values[f.name] as string)[0] ?? null;
      const rows = page.locator(`[data-node-id="${list.table}"] tbody tr`);
      await (text ? rows.filter({ hasText: text }) : rows).first().waitFor({ timeout: 6_000 });

      // Edit: the dialog comes prefilled from the row; a change shows in the table once saved.
      const row = text ? rows.filter({ hasText: text }).first() : rows.first();
      await row.getByRole("button", { name: "Edit" }).click();
      const edit = page.getByRole("dialog");
      const editable = list.form.fields.find((f) => textInputs.has(f.input) && values[f.name]) ?? list.form.fields.find((f) => f.input === "number");
      if (editable) {
        const input = edit.getByLabel(labelled(editable.label));
        const before = values[editable.name];
        if (before !== undefined && !(await hasValue(input, before))) failures.push(`${where}: the Edit dialog was not prefilled with "${before}"`);
        const changed = editable.input === "number" ? "42" : `${before ?? editable.label} edited`;
        await input.fill(changed);
        await edit.getByRole("button", { name: "Save" }).click();
        await edit.waitFor({ state: "hidden", timeout: 6_000 });
        await page.locator(`[data-node-id="${list.table}"] tbody tr`, { hasText: changed }).first().waitFor({ timeout: 6_000 });
        if (text && editable.name === list.form.fields.find((f) => values[f.name] === text)?.name) values[editable.name] = changed;
        typed.set(list.fn, values);
        created.push({ list, text: text && values[editable.name] === changed ? changed : text });
      } else {
        await edit.getByRole("button", { name: "Save" }).click();
        await edit.waitFor({ state: "hidden", timeout: 6_000 });
        created.push({ list, text });
      }
    } catch (err) {
      failures.push(`${where}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
      await page.keyboard.press("Escape").catch(() => undefined);
    }
  }
  // Delete, children first (the reverse of creation), each confirmed in the app's own dialog.
  for (const { list, text } of [...created].reverse()) {
    try {
      await page.goto(`${origin}${list.path}`);
      const rows = page.locator(`[data-node-id="${list.table}"] tbody tr`);
      const row = text ? rows.filter({ hasText: text }).first() : rows.first();
      await row.getByRole("button", { name: "Delete" }).click();
      await page.getByRole("button", { name: "Confirm" }).click();
      await (text ? rows.filter({ hasText: text }) : rows).first().waitFor({ state: "detached", timeout: 6_000 });
    } catch (err) {
      failures.push(`${list.fn}: delete: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  }
  return { failures, pickers, rows: created.length };
}
