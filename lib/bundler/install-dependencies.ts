import fs from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getConfig, processWide } from "@/lib/config";
import { withSharedLock } from "@/lib/coordination";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 180_000;

// Registry packages only: a name as npm allows it and a semver range or dist-tag. Git URLs, tarball URLs,
// file: and link: specs are refused, and so is what npm reads as a path without saying "file:": a spec
// starting with "." (".." installs the folder above) or ending in .tgz, .tar or .tar.gz. An install can
// fetch nothing but registry tarballs, and read nothing of the tenant's choosing outside its deps folder.
export const PackageName = z.string().regex(/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]{0,213}$/, "is not an npm package name");
export const VersionRange = z.string().regex(/^(?![. |-])(?!.*\.(?:tgz|tar|tar\.gz)$)[0-9A-Za-z.^~<>=*| -]{1,64}$/i, "must be a semver version or range, e.g. ^2.1.0");
const Manifest = z.object({ dependencies: z.record(PackageName, VersionRange).default({}) });

/** Where a project's npm packages are installed: beside its workspace tree, never inside it. */
export function dependencyDir(scope: TenantScope): string {
  return path.join(getConfig().dataDir, "workspaces", scope.projectId, "deps");
}

async function manifestOf(scope: TenantScope): Promise<Record<string, string>> {
  const file = await readFile(scope, "package.json").catch(() => null);
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    throw new AppError("unprocessable", "package.json is not valid JSON.", "package.json");
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("unprocessable", `package.json: ${issue?.path.join(".")} ${issue?.message}`, "package.json");
  }
  return parsed.data.dependencies;
}

const installing = processWide("bundler.installing", () => new Map<string, Promise<void>>());

const markerOf = (scope: TenantScope) => path.join(dependencyDir(scope), ".installed");

/** A hash of the dependency list installed last for the project, or "" before its first install. */
export function installedHash(scope: TenantScope): Promise<string> {
  return fs.readFile(markerOf(scope), "utf8").catch(() => "");
}

async function install(scope: TenantScope): Promise<void> {
  const dependencies = await manifestOf(scope);
  const dir = dependencyDir(scope);
  const marker = markerOf(scope);
  const hash = createHash("sha256").update(JSON.stringify(dependencies)).digest("hex");
  if ((await installedHash(scope)) === hash) return;
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "package.json"), JSON.stringify({ private: true, dependencies }, null, 2));
  if (Object.keys(dependencies).length > 0) {
    // --ignore-scripts: a package's install script would run arbitrary code on the server.
    // --workspaces=false: npm stops looking at the package.json files of the folders above for a workspace root.
    // --allow-*=none: a published package's own dependencies must not send the server to a git host, a URL
    // or a path of its choosing either (npm 11 honours these; older npm warns and ignores them).
    const sources = ["--allow-git=none", "--allow-remote=none", "--allow-file=none", "--allow-directory=none"];
    const args = ["install", "--ignore-scripts", "--workspaces=false", ...sources, "--no-audit", "--no-fund", "--omit=dev", "--no-package-lock", "--loglevel=error"];
    await run("npm", args, { cwd: dir, timeout: INSTALL_TIMEOUT_MS }).catch((err: { stderr?: string }) => {
      const detail = String(err.stderr ?? "").split("\n").find((l) => l.includes("ERR")) ?? "npm install failed";
      throw new AppError("unprocessable", `Installing packages failed: ${detail.replace(/\/[^\s]*\//g, "")}`, "package.json");
    });
  }
  await fs.writeFile(marker, hash);
}

/**
 * Installs the registry packages listed in the workspace's package.json (scripts off) once per change of
 * that list; concurrent calls for one project share the same install, and other nodes wait for it (the
 * folder is shared) and then find it done.
 */
export function installDependencies(scope: TenantScope): Promise<void> {
  let pending = installing.get(scope.projectId);
  if (!pending) {
    pending = withSharedLock(`install:${scope.projectId}`, () => install(scope)).finally(() => installing.delete(scope.projectId));
    installing.set(scope.projectId, pending);
  }
  return pending;
}
