import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getDb, isUniqueViolation, recordAudit, type Tx } from "@/lib/db";
import { authorize, type Identity } from "@/lib/auth";
import { deleteWorkspace, initWorkspace } from "@/lib/workspace";
import { ENV_NAMES } from "@/lib/sdui";
import type { Logger } from "@/lib/log";
import { Slug, randomSuffix, slugify } from "./slug";
import { toProjectView, type ProjectView } from "./project-view";

export const ProjectName = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");

export const CreateProjectInput = z.strictObject({ name: ProjectName, slug: Slug.optional() });
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

const SLUG_ATTEMPTS = 5;

async function insertProject(tx: Tx, identity: Identity, name: string, slug: string) {
  const project = await tx.project.create({ data: { name, slug } });
  await tx.membership.create({ data: { projectId: project.id, userId: identity.userId, role: "owner" } });
  await tx.environment.createMany({ data: ENV_NAMES.map((env) => ({ projectId: project.id, name: env })) });
  await recordAudit(tx, { projectId: project.id, actorId: identity.userId }, "project.created", { slug });
  return project;
}

async function insertWithFreeSlug(identity: Identity, input: CreateProjectInput) {
  const db = await getDb();
  const base = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? base : `${base.slice(0, 35)}-${randomSuffix()}`;
    try {
      return await db.$transaction((tx) => insertProject(tx, identity, input.name, slug));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (input.slug) throw new AppError("conflict", `The slug "${slug}" is taken.`, "slug");
    }
  }
  throw new AppError("conflict", "Could not find a free slug; choose one.", "slug");
}

/**
 * Creates a project with the caller as owner, its dev, staging and prod environments, and its git
 * workspace seeded with a minimal app. A chosen slug that is taken is a conflict; a derived one gets a
 * random suffix until it is free. If the workspace cannot be made, the project is not kept.
 */
export async function createProject(identity: Identity, input: CreateProjectInput, log: Logger): Promise<ProjectView> {
  const project = await insertWithFreeSlug(identity, input);
  const scope = await authorize(identity, project.id, "owner");
  try {
    await initWorkspace(scope, project, log);
  } catch (err) {
    const db = await getDb();
    await db.project.delete({ where: { id: project.id } });
    await deleteWorkspace(scope);
    throw err;
  }
  log.info("project.created", { projectId: project.id, slug: project.slug });
  return toProjectView(project, "owner");
}
