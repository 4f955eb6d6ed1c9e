import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { log as rootLog, type Logger } from "@/lib/log";
import { onWorkspaceCommit } from "@/lib/workspace";
import { getDb } from "@/lib/db";
import { putArtifact } from "./artifacts";
import { upsertOnce } from "./upsert-once";
import { installDependencies } from "./install-dependencies";
import { addDependency } from "./add-dependency";
import { BuildError, type BuildDiagnostic } from "./build-error";
import { MISSING_PACKAGE } from "./workspace-plugin";
import { buildsPerHead } from "./compile-workspace";
import { compileComponent } from "./component-contexts";
import { headFiles } from "./head-files";

/** A component's name: components/<Name>.tsx in the workspace, `{"type": "component", "name"}` in the blueprint. */
export const ComponentName = z.string().regex(/^[A-Z][A-Za-z0-9]{0,63}$/, "must be PascalCase letters and digits, at most 64");

/** A built micro-frontend: its immutable, content-addressed bundle and registry version. */
export type BuiltComponent = { name: string; versionId: string; contentHash: string; url: string; sizeBytes: number; commitSha: string };

/** The build state of one component: its bundle, or the diagnostics of its last failed build. */
export type ComponentStatus = { name: string } & ({ ok: true; component: BuiltComponent } | { ok: false; errors: BuildDiagnostic[] });

/** A component's file in the workspace; the group is its name. */
export const COMPONENT_FILE = /^components\/([A-Z][A-Za-z0-9]{0,63})\.tsx$/;

async function compileAddingPackages(scope: TenantScope, name: string, log: Logger | undefined): Promise<Uint8Array> {
  for (let added = 0; ; added++) {
    try {
      return (await compileComponent(scope, name, await headFiles(scope))).bundle;
    } catch (err) {
      const missing = err instanceof BuildError ? err.diagnostics.map((d) => MISSING_PACKAGE.exec(d.message)?.[1]).find(Boolean) : undefined;
      // Only a member's build may change the workspace; an app's visitors never do.
      if (!missing || !log || !("userId" in scope) || added >= 5) throw err;
      // "lodash/fp" is a file of the package "lodash"; "@scope/pkg/x" one of "@scope/pkg".
      const name = missing.split("/").slice(0, missing.startsWith("@") ? 2 : 1).join("/");
      await addDependency(scope, { name }, log);
    }
  }
}

async function buildAndRegister(scope: TenantScope, name: string, commitSha: string, log: Logger | undefined): Promise<BuiltComponent> {
  await installDependencies(scope);
  const bundle = await compileAddingPackages(scope, name, log);
  const artifact = await putArtifact("mfe", "js", bundle);
  const db = await getDb();
  const where = { projectId_name_contentHash: { projectId: scope.projectId, name, contentHash: artifact.hash } };
  const version = await upsertOnce(() => db.mfeVersion.upsert({
    where,
    create: { projectId: scope.projectId, name, contentHash: artifact.hash, artifactKey: artifact.key, sizeBytes: artifact.sizeBytes, commitSha },
    update: {},
  }), () => db.mfeVersion.findUniqueOrThrow({ where }));
  return { name, versionId: version.id, contentHash: artifact.hash, url: `/_myco/a/${artifact.key}`, sizeBytes: artifact.sizeBytes, commitSha };
}

/**
 * Bundles components/<name>.tsx into one ESM module (React and the SDK shared through the import map,
 * npm packages bundled in) with the component's kept esbuild context, stored content-addressed and
 * registered as an MfeVersion; cached per HEAD.
 * With a member's scope and a logger, an npm package the component imports but the project lacks is
 * added to package.json, installed (scripts off) and bundled.
 */
export function buildComponent(scope: TenantScope, name: string, log?: Logger): Promise<BuiltComponent> {
  return (log ? buildAsMember : buildAsVisitor)(scope, name);
}

// Two caches: a member's build may add packages (a new commit), a visitor's never does.
const buildAsVisitor = buildsPerHead((scope, name, sha) => buildAndRegister(scope, name, sha, undefined));
const buildAsMember = buildsPerHead((scope, name, sha) => buildAndRegister(scope, name, sha, rootLog.child({ projectId: scope.projectId })));

/** Every component of the workspace at HEAD, built (or with the errors that stopped it). */
export async function buildAllComponents(scope: TenantScope, log?: Logger): Promise<ComponentStatus[]> {
  const names = [...(await headFiles(scope))].map((path) => COMPONENT_FILE.exec(path)?.[1]).filter((n): n is string => Boolean(n));
  return Promise.all(
    names.map(async (name): Promise<ComponentStatus> => {
      try {
        return { name, ok: true, component: await buildComponent(scope, name, log) };
      } catch (err) {
        if (err instanceof BuildError) return { name, ok: false, errors: err.diagnostics };
        if (err instanceof AppError) return { name, ok: false, errors: [{ file: `components/${name}.tsx`, line: 0, column: 0, message: err.message }] };
        throw err;
      }
    }),
  );
}

// Every commit rebuilds the workspace's components in the background (unchanged ones are cache or
// artifact hits), so the bundle is ready by the time the preview asks for it.
onWorkspaceCommit((scope, sha) => {
  const log = rootLog.child({ projectId: scope.projectId, sha });
  return buildAllComponents(scope, log).catch((err: unknown) => log.error("bundler.rebuild_failed", {}, err));
});
