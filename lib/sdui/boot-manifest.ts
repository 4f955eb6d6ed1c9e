import type { Blueprint } from "./schema-blueprint";
import type { EnvName } from "./env-name";
import type { BlueprintError } from "./validate-blueprint";

/** The id of the `<script type="application/json">` element the hosted page boots the runtime from. */
export const BOOT_ELEMENT_ID = "myco-boot";

/**
 * What the hosted page hands the runtime. The server validates the blueprint (createBootManifest), so the
 * page carries either the valid one, defaults filled in, or its problems with their JSON paths; the
 * browser never validates it again and ships no schema library.
 */
export type BootManifest = {
  env: EnvName;
  /** Each micro-frontend's ESM bundle URL, by component name. */
  components: Record<string, string>;
} & ({ blueprint: Blueprint } | { errors: BlueprintError[] });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

// The manifest is the server's own output, so this only tells a page that lost or mangled it (a proxy,
// a hand-written page) from a real one, by shape; it is not a second validation of the blueprint.
function shapeProblem(json: unknown): string | null {
  if (!isRecord(json)) return "it is not an object";
  if (typeof json.env !== "string") return "env is missing";
  if (!isRecord(json.components) || Object.values(json.components).some((url) => typeof url !== "string")) return "components must map names to URLs";
  if (Array.isArray(json.errors)) return null;
  const blueprint = json.blueprint;
  if (!isRecord(blueprint) || !Array.isArray(blueprint.routes) || !isRecord(blueprint.pages) || !isRecord(blueprint.theme)) {
    return "it has neither a validated blueprint nor its errors";
  }
  return null;
}

/** The boot element's text as a manifest, or the message the boot error page shows. */
export function readBootManifest(text: string | null | undefined): { ok: true; manifest: BootManifest } | { ok: false; message: string } {
  if (!text) return { ok: false, message: `The page has no <script id="${BOOT_ELEMENT_ID}" type="application/json"> to start from.` };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, message: `The ${BOOT_ELEMENT_ID} script is not valid JSON.` };
  }
  const problem = shapeProblem(json);
  return problem === null ? { ok: true, manifest: json as BootManifest } : { ok: false, message: `The ${BOOT_ELEMENT_ID} manifest is invalid: ${problem}.` };
}
