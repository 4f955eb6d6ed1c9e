import { AppError } from "@/lib/errors";
import type { BlueprintError } from "@/lib/sdui";
import { validateBlueprint } from "@/lib/sdui";
import { BuildError, COMPONENT_FILE, FUNCTION_FILE, buildComponent, buildFunction } from "@/lib/bundler";
import { listFiles } from "@/lib/workspace";
import type { ToolSession } from "./session";

const MAX_DIAGNOSTICS = 20;

/** A build as the model reads it: the bundle's size, or `file:line:column: message` lines to fix. */
export type BuildCheck = { name: string; ok: true; sizeBytes: number } | { name: string; ok: false; diagnostics: string[] };

/** What a write to a function, component or app.json leaves: build results and blueprint errors. */
export type WriteDiagnostics = { builds?: BuildCheck[]; blueprint?: { ok: boolean; errors?: string[] } };

function failed(name: string, err: unknown): BuildCheck {
  if (err instanceof BuildError) {
    return { name, ok: false, diagnostics: err.diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`) };
  }
  if (err instanceof AppError) return { name, ok: false, diagnostics: [err.message] };
  throw err;
}

/** Builds functions/<name>.ts; a failed build is a result, not an error, so the model can fix it. */
export async function checkFunction(session: ToolSession, name: string): Promise<BuildCheck> {
  try {
    const built = await buildFunction(session.scope, name);
    return { name, ok: true, sizeBytes: built.sizeBytes };
  } catch (err) {
    return failed(name, err);
  }
}

/** Builds components/<name>.tsx as a member, so a missing npm package is added to package.json. */
export async function checkComponent(session: ToolSession, name: string): Promise<BuildCheck> {
  try {
    const built = await buildComponent(session.scope, name, session.log);
    return { name, ok: true, sizeBytes: built.sizeBytes };
  } catch (err) {
    return failed(name, err);
  }
}

/** `<json path>: <message>` per problem, the form every blueprint error takes for the model. */
export function formatBlueprintErrors(errors: BlueprintError[]): string[] {
  return errors.map((e) => `${e.path || "(root)"}: ${e.message}`);
}

/** Validates app.json's text: JSON first, then the blueprint schema and its cross-references. */
export function checkBlueprintText(text: string): { ok: boolean; errors?: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`(root): not valid JSON (${err instanceof Error ? err.message : "parse error"})`] };
  }
  const result = validateBlueprint(json);
  return result.ok ? { ok: true } : { ok: false, errors: formatBlueprintErrors(result.errors) };
}

async function entriesUnder(session: ToolSession, pattern: RegExp): Promise<string[]> {
  return (await listFiles(session.scope)).map((f) => pattern.exec(f.path)?.[1]).filter((n): n is string => Boolean(n));
}

/**
 * The checks a write to `path` calls for: its own build for a function or component entry; every
 * function or component build for a helper file beside them (any of them may import it); the
 * blueprint's validation for app.json. Other paths need none.
 */
export async function diagnoseWrite(session: ToolSession, path: string, text: string): Promise<WriteDiagnostics> {
  if (path === "app.json") return { blueprint: checkBlueprintText(text) };
  const fn = FUNCTION_FILE.exec(path)?.[1];
  if (fn) return { builds: [await checkFunction(session, fn)] };
  const component = COMPONENT_FILE.exec(path)?.[1];
  if (component) return { builds: [await checkComponent(session, component)] };
  if (path.startsWith("functions/")) {
    const names = await entriesUnder(session, FUNCTION_FILE);
    return { builds: await Promise.all(names.map((n) => checkFunction(session, n))) };
  }
  if (path.startsWith("components/")) {
    const names = await entriesUnder(session, COMPONENT_FILE);
    return { builds: await Promise.all(names.map((n) => checkComponent(session, n))) };
  }
  return {};
}
