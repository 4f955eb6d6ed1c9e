import type { TenantScope } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { listFiles } from "@/lib/workspace";
import { buildAllComponents } from "./build-component";
import { BuildError, type BuildDiagnostic } from "./build-error";
import { FUNCTION_FILE, buildFunction } from "./build-function";


async function functionProblems(scope: TenantScope, name: string): Promise<BuildDiagnostic[]> {
  try {
    await buildFunction(scope, name);
    return [];
  } catch (err) {
    if (err instanceof BuildError) return err.diagnostics;
    if (err instanceof AppError) return [{ file: `functions/${name}.ts`, line: 0, column: 0, message: err.message }];
    throw err;
  }
}

/** Function builds of one check run this many at a time: a project with hundreds must not take every core. */
const PARALLEL_FUNCTION_BUILDS = 2;

/**
 * Builds every component and every function at HEAD (each cached per HEAD, so a second check is cheap)
 * and answers every build problem with file, line and column: what the code editor marks.
 */
export async function checkBuild(scope: TenantScope, log: Logger): Promise<{ problems: BuildDiagnostic[] }> {
  const functions = (await listFiles(scope)).flatMap((f) => FUNCTION_FILE.exec(f.path)?.[1] ?? []);
  const problems = (await buildAllComponents(scope, log)).flatMap((c) => (c.ok ? [] : c.errors));
  for (let i = 0; i < functions.length; i += PARALLEL_FUNCTION_BUILDS) {
    const batch = functions.slice(i, i + PARALLEL_FUNCTION_BUILDS);
    problems.push(...(await Promise.all(batch.map((name) => functionProblems(scope, name)))).flat());
  }
  return { problems };
}
