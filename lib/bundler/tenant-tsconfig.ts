import { z } from "zod";
import type * as esbuild from "esbuild";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";

// Only options that change how code is emitted: `paths`, `baseUrl`, `extends`, `jsxImportSource` and
// the rest name files or modules, so a tenant's tsconfig.json could point esbuild at the server's.
const SafeCompilerOptions = z.object({
  experimentalDecorators: z.boolean().optional(),
  useDefineForClassFields: z.boolean().optional(),
  verbatimModuleSyntax: z.boolean().optional(),
  strict: z.boolean().optional(),
  alwaysStrict: z.boolean().optional(),
});
const TenantTsconfig = z.object({ compilerOptions: SafeCompilerOptions.optional() });

// tsconfig.json is JSON with comments and trailing commas; strings are matched first so that a "//"
// or "," inside one is left alone.
function parseJsonc(text: string): unknown {
  const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? "");
  return JSON.parse(noComments.replace(/("(?:\\.|[^"\\])*")|,(?=\s*[}\]])/g, (_m, str: string | undefined) => str ?? ""));
}

/**
 * The tsconfig esbuild uses for every file of a tenant build, in place of any tsconfig.json it would
 * find on disk (the server's own among them): the workspace's tsconfig.json reduced to the options of
 * SafeCompilerOptions, or none. A tsconfig.json that does not parse is ignored, as its other options are.
 */
export async function tenantTsconfig(scope: TenantScope, files: ReadonlySet<string>): Promise<esbuild.TsconfigRaw> {
  if (!files.has("tsconfig.json")) return {};
  const file = await readFile(scope, "tsconfig.json");
  let json: unknown;
  try {
    json = parseJsonc(file.content);
  } catch {
    return {};
  }
  const parsed = TenantTsconfig.safeParse(json);
  return parsed.success && parsed.data.compilerOptions ? { compilerOptions: parsed.data.compilerOptions } : {};
}
