import type { ProjectScope } from "@/lib/auth";
import { FunctionName } from "@/lib/bundler";
import { runFunction } from "@/lib/functions";
import type { Logger } from "@/lib/log";
import { errorMessageOf } from "@/lib/sdui";

const GET_TIMEOUT_MS = 5_000;

/** What one GET of the app's functions came to: its status and body, or why it did not answer. */
export type AppGet = { ok: true; status: number; body: unknown } | { ok: false; message: string };

/** GETs `/_fn/<name>[/path][?query]` of the app in the dev environment, as its pages do, within 5 s. */
export async function getFromApp(scope: ProjectScope, url: string, log: Logger): Promise<AppGet> {
  const parsed = new URL(url, "http://app.invalid");
  const [, prefix, encoded = "", ...rest] = parsed.pathname.split("/");
  const name = /^[\w-]+$/.test(encoded) ? encoded : "";
  if (parsed.origin !== "http://app.invalid" || prefix !== "_fn" || !FunctionName.safeParse(name).success) return { ok: false, message: `${url} is not a URL of the app's functions` };
  const request = { method: "GET", path: `/${rest.join("/")}`, query: Object.fromEntries(parsed.searchParams), headers: {}, body: null };
  const { result } = await runFunction(scope, name, request, "api", log, { signal: AbortSignal.timeout(GET_TIMEOUT_MS) });
  return result.ok ? { ok: true, status: result.status, body: result.body } : { ok: false, message: result.error.message };
}

/** The message a page shows for a GET that did not succeed, as the runtime words it; null on success. */
export function failureOf(get: AppGet): string | null {
  if (!get.ok) return get.message;
  return get.status >= 400 ? errorMessageOf(get.status, "", get.body) : null;
}
