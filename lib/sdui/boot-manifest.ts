import * as z from "zod";
import { ComponentName, LIMITS } from "./schema-parts";
import { EnvName } from "./env-name";

/** The id of the `<script type="application/json">` element the hosted page boots the runtime from. */
export const BOOT_ELEMENT_ID = "myco-boot";

/**
 * What the hosted page hands the runtime. The blueprint stays unknown here: it is validated on its own so
 * that a bad one shows its JSON paths instead of a generic boot error.
 */
export const BootManifest = z.strictObject({
  blueprint: z.unknown(),
  components: z
    .record(ComponentName, z.string().max(LIMITS.url).regex(/^(\/(?!\/)|https?:\/\/)/, "must be an app path or an http(s) URL"))
    .default({})
    .describe("Each micro-frontend's ESM bundle URL, by component name."),
  env: EnvName,
});
export type BootManifest = z.infer<typeof BootManifest>;

/** What the page sends as the blueprint when app.json is not JSON at all: the parse error, with line and column. */
export const BlueprintTextError = z.strictObject({ invalidJson: z.string().max(1000) });
