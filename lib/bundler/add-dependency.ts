import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { applyChanges, readFile } from "@/lib/workspace";
import { PackageName, VersionRange, installDependencies } from "./install-dependencies";

const run = promisify(execFile);
const VIEW_TIMEOUT_MS = 30_000;

export const AddDependencyInput = z.strictObject({ name: PackageName, version: VersionRange.optional() });
export type AddDependencyInput = z.infer<typeof AddDependencyInput>;

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The highest registry version `spec` allows, as npm would install it; `name@spec` is one argument, never a shell word. */
async function resolveVersion(name: string, spec: string): Promise<string> {
  const { stdout } = await run("npm", ["view", `${name}@${spec}`, "version", "--json"], { timeout: VIEW_TIMEOUT_MS }).catch(() => {
    throw new AppError("unprocessable", `The npm package "${name}@${spec}" was not found in the registry.`, "name");
  });
  const parsed: unknown = stdout.trim() === "" ? [] : JSON.parse(stdout);
  const versions = (Array.isArray(parsed) ? parsed : [parsed]).filter((v): v is string => typeof v === "string");
  const highest = versions.sort(compareVersions).at(-1);
  if (!highest) throw new AppError("unprocessable", `No version of "${name}" matches "${spec}".`, "version");
  return highest;
}

/**
 * Adds a registry package to the workspace's package.json (the latest as ^x.y.z unless a range is given)
 * as the acting user, and installs it with scripts off; a list that does not install is put back.
 */
export async function addDependency(scope: ProjectScope, input: AddDependencyInput, log: Logger): Promise<{ name: string; spec: string; version: string }> {
  const parsed = AddDependencyInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("unprocessable", `${String(issue?.path[0] ?? "name")} ${issue?.message ?? "is invalid"}.`, String(issue?.path[0] ?? "name"));
  }
  const { name, version } = parsed.data;
  const resolved = await resolveVersion(name, version ?? "latest");
  const spec = version === undefined || version === "latest" ? `^${resolved}` : version;
  const text = (await readFile(scope, "package.json")).content;
  let manifest: { dependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch {
    throw new AppError("unprocessable", "package.json is not valid JSON; fix it first.", "package.json");
  }
  const next = { ...manifest, dependencies: { ...manifest.dependencies, [name]: spec } };
  const write = (content: string, message: string) =>
    applyChanges(scope, { message, changes: [{ op: "write", path: "package.json", content, encoding: "utf8" }] }, log);
  await write(`${JSON.stringify(next, null, 2)}\n`, `Add dependency ${name}@${spec}`);
  try {
    await installDependencies(scope);
  } catch (err) {
    await write(text, `Revert: add dependency ${name}@${spec}`);
    throw err;
  }
  return { name, spec, version: resolved };
}
