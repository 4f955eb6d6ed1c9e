import type { ProjectScope } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { BuildError, buildAllComponents, buildFunction, putArtifact } from "@/lib/bundler";
import { listFunctions } from "@/lib/functions";
import { DEPLOY_ENVS, validateBlueprint } from "@/lib/sdui";
import { checkMigrationsOnCopy, readWorkspaceMigrations } from "@/lib/tenant-db";
import { readFile } from "@/lib/workspace";

/** An artifact a new release will hold, already stored content-addressed. */
export type CollectedArtifact = {
  kind: "blueprint" | "mfe" | "function" | "migration";
  name: string;
  contentHash: string;
  artifactKey: string;
  sizeBytes: number;
  mfeVersionId?: string;
  functionVersionId?: string;
};

const MAX_LISTED_ERRORS = 5;
const encode = (text: string) => new TextEncoder().encode(text);

function refuse(what: string, problems: string[]): never {
  const more = problems.length > MAX_LISTED_ERRORS ? ` (and ${problems.length - MAX_LISTED_ERRORS} more)` : "";
  throw new AppError("unprocessable", `No release: ${what}: ${problems.slice(0, MAX_LISTED_ERRORS).join("; ")}${more}.`, "release");
}

async function blueprintArtifact(scope: ProjectScope): Promise<CollectedArtifact> {
  const file = await readFile(scope, "app.json").catch(() => refuse("app.json is missing", ["add a blueprint first"]));
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    refuse("app.json is not valid JSON", ["fix its syntax"]);
  }
  const checked = validateBlueprint(json);
  if (!checked.ok) refuse("app.json is invalid", checked.errors.map((e) => `${e.path || "(root)"}: ${e.message}`));
  const stored = await putArtifact("blueprints", "json", encode(file.content));
  return { kind: "blueprint", name: "app.json", contentHash: stored.hash, artifactKey: stored.key, sizeBytes: stored.sizeBytes };
}

async function componentArtifacts(scope: ProjectScope, head: string): Promise<CollectedArtifact[]> {
  const statuses = await buildAllComponents(scope);
  const broken = statuses.flatMap((s) => (s.ok ? [] : s.errors.map((e) => `components/${s.name}.tsx:${e.line}:${e.column}: ${e.message}`)));
  if (broken.length > 0) refuse("components do not build", broken);
  return statuses.flatMap((s) => {
    if (!s.ok) return [];
    if (s.component.commitSha !== head) throw new AppError("conflict", "The workspace changed while the release was being built; try again.", "release");
    const { name, contentHash, sizeBytes, versionId, url } = s.component;
    return [{ kind: "mfe" as const, name, contentHash, sizeBytes, artifactKey: url.replace("/_myco/a/", ""), mfeVersionId: versionId }];
  });
}

async function functionArtifacts(scope: ProjectScope, head: string): Promise<CollectedArtifact[]> {
  const names = (await listFunctions(scope)).map((f) => f.name);
  const built = await Promise.allSettled(names.map((name) => buildFunction(scope, name)));
  const broken = built.flatMap((b) => (b.status === "rejected" && b.reason instanceof BuildError ? [b.reason.message] : []));
  if (broken.length > 0) refuse("functions do not build", broken);
  return built.map((result) => {
    if (result.status === "rejected") throw result.reason;
    const b = result.value;
    if (b.commitSha !== head) throw new AppError("conflict", "The workspace changed while the release was being built; try again.", "release");
    return { kind: "function" as const, name: b.name, contentHash: b.contentHash, sizeBytes: b.sizeBytes, artifactKey: `functions/${b.contentHash}.js`, functionVersionId: b.versionId };
  });
}

async function migrationArtifacts(scope: ProjectScope): Promise<CollectedArtifact[]> {
  const migrations = await readWorkspaceMigrations(scope);
  // Every environment it may be deployed to must take them: each is tried on a copy of its database.
  for (const env of DEPLOY_ENVS) await checkMigrationsOnCopy(scope, env, migrations).catch((err: unknown) => {
    if (err instanceof AppError) refuse(`the migrations do not apply to ${env}`, [err.message]);
    throw err;
  });
  return Promise.all(migrations.map(async (m) => {
    const stored = await putArtifact("migrations", "sql", encode(m.sql));
    return { kind: "migration" as const, name: m.name, contentHash: stored.hash, artifactKey: stored.key, sizeBytes: stored.sizeBytes };
  }));
}

/**
 * Builds and checks everything a release of the workspace at `head` holds, before it exists: the
 * blueprint validates, every component and function builds (from `head`, or it is a conflict), and the
 * migrations apply to a copy of each deployable environment's database. Any failure is unprocessable
 * naming what to fix; nothing is recorded.
 */
export async function collectReleaseArtifacts(scope: ProjectScope, head: string): Promise<CollectedArtifact[]> {
  const blueprint = await blueprintArtifact(scope);
  const components = await componentArtifacts(scope, head);
  const functions = await functionArtifacts(scope, head);
  const migrations = await migrationArtifacts(scope);
  return [blueprint, ...components, ...functions, ...migrations];
}
