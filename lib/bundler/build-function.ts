import { z } from "zod";
import type { TenantScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { putArtifact } from "./artifacts";
import { upsertOnce } from "./upsert-once";
import { installDependencies } from "./install-dependencies";
import { buildsPerHead, compileWorkspaceEntry } from "./compile-workspace";

/** A function's name: `functions/<name>.ts` in the workspace, `/_fn/<name>` on the app's origin. */
export const FunctionName = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, "must start with a lowercase letter and use letters, digits, - or _ (max 64)");

/** A compiled function: the script the runtime runs, and its registry version. */
/** A function's file in the workspace; the group is its name. */
export const FUNCTION_FILE = /^functions\/([a-z][a-zA-Z0-9_-]{0,63})\.ts$/;

export type BuiltFunction = { name: string; versionId: string; contentHash: string; script: string; sizeBytes: number; commitSha: string };

async function buildAndRegister(scope: TenantScope, name: string, commitSha: string): Promise<BuiltFunction> {
  await installDependencies(scope);
  const script = await compileWorkspaceEntry(scope, `functions/${name}.ts`, "functions", {
    format: "iife", globalName: "__mycoFunction", platform: "neutral", mainFields: ["module", "main"],
  });
  const artifact = await putArtifact("functions", "js", script);
  const db = await getDb();
  const where = { projectId_name_contentHash: { projectId: scope.projectId, name, contentHash: artifact.hash } };
  const version = await upsertOnce(() => db.functionVersion.upsert({
    where,
    create: { projectId: scope.projectId, name, contentHash: artifact.hash, artifactKey: artifact.key, sizeBytes: artifact.sizeBytes, commitSha },
    update: {},
  }), () => db.functionVersion.findUniqueOrThrow({ where }));
  return { name, versionId: version.id, contentHash: artifact.hash, script: Buffer.from(script).toString("utf8"), sizeBytes: artifact.sizeBytes, commitSha };
}

/**
 * Compiles `functions/<name>.ts` with its relative imports and npm packages into one script, stored as a
 * content-addressed artifact and registered as a FunctionVersion. Cached per workspace HEAD; a build
 * error is a BuildError (422) naming file, line and column.
 */
export const buildFunction: (scope: TenantScope, name: string) => Promise<BuiltFunction> = buildsPerHead(buildAndRegister);
