import type * as esbuild from "esbuild";
import { AppError } from "@/lib/errors";

/** Where a build error is, so an editor (or the agent) can go straight to it. */
export type BuildDiagnostic = { file: string; line: number; column: number; message: string };

/** Build failures carry every diagnostic; the message names the first, with file, line and column. */
export class BuildError extends AppError {
  constructor(readonly diagnostics: BuildDiagnostic[]) {
    const first = diagnostics[0];
    super("unprocessable", first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : "Build failed.", "path");
  }
}

/** Why a glob import is refused; the jail gives it to any file that only a glob reached. */
export const GLOB_REFUSED = "imports of a computed path (a glob such as import(`./x/${name}`)) are not available; import each file by its name.";

// esbuild resolves a glob by listing folders itself, past every plugin: whether it then finds files
// (refused as they load), finds none (a warning) or finds no folder (its own error), the build ends in
// this one error, so its outcome says nothing about what exists outside the project.
const ESBUILD_GLOB_TEXTS = [/^The glob pattern .* did not match any files/, /^Could not resolve (?:import|require)\(/];

function isGlob(message: esbuild.Message): boolean {
  return message.text === GLOB_REFUSED || ESBUILD_GLOB_TEXTS.some((re) => re.test(message.text));
}

// The import's own source text (the glob expression), from the location esbuild reports it at.
function importText(location: esbuild.Location | null): string {
  const text = location ? location.lineText.slice(location.column, location.column + location.length) : "";
  return text.length > 0 && text.length <= 200 ? text : "a computed path";
}

function diagnosticOf(message: esbuild.Message): BuildDiagnostic {
  const { location } = message;
  return {
    file: location?.file.replace(/^workspace:/, "") ?? "",
    line: location?.line ?? 0,
    column: (location?.column ?? 0) + 1,
    message: isGlob(message) ? `Cannot import ${importText(location)}: ${GLOB_REFUSED}` : message.text,
  };
}

/**
 * The diagnostics of a build: its errors and any glob warning (a glob is refused even when it matches
 * nothing), with workspace paths, one per distinct place and text.
 */
export function diagnosticsOf(errors: esbuild.Message[], warnings: esbuild.Message[]): BuildDiagnostic[] {
  const all = [...errors, ...warnings.filter(isGlob)].map(diagnosticOf);
  const seen = new Set<string>();
  return all.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The errors and warnings of an esbuild failure; null for any other error. */
export function buildFailureOf(err: unknown): { errors: esbuild.Message[]; warnings: esbuild.Message[] } | null {
  if (!(err && typeof err === "object" && "errors" in err && Array.isArray(err.errors))) return null;
  const warnings = "warnings" in err && Array.isArray(err.warnings) ? (err.warnings as esbuild.Message[]) : [];
  return { errors: err.errors as esbuild.Message[], warnings };
}
