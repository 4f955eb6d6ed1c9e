import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { getDb, recordAudit, type ProjectAiModel } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sealText, vetModelEndpoint } from "@/lib/security";

const BaseUrl = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http or https URL" }))
  .refine((v) => !/^[a-z]+:\/\/[^/]*@/i.test(v), "must not contain a user name or password");

/** What a project's agent runs use: the server's default, one of its providers, or an endpoint of the project's own. */
export const ProjectModelInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("default") }),
  z.strictObject({ kind: z.literal("server"), provider: z.string().min(1, "is required").max(40, "must be at most 40 characters") }),
  z.strictObject({
    kind: z.literal("custom"),
    baseUrl: BaseUrl,
    model: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    /** Left out: the stored key is kept while the base URL's origin stays the same. */
    apiKey: z.string().min(1, "is empty; leave it out to keep the stored key").max(4096, "must be at most 4096 characters").optional(),
  }),
]);
export type ProjectModelInput = z.infer<typeof ProjectModelInput>;

/** The project's choice as shown: never the key, only whether one is stored. */
export type ModelChoice = { kind: "default" } | { kind: "server"; provider: string } | { kind: "custom"; baseUrl: string; model: string; hasKey: boolean };

/** The choice and what the server offers to choose from. */
export type ProjectModelView = { choice: ModelChoice; serverProviders: { name: string; model: string }[] };

/** The sealed key's context: bound to the project, and apart from any secret name (those are UPPER_SNAKE). */
export const modelKeyContext = (projectId: string) => `${projectId}:ai-model-key`;

/** The stored row of a project's choice, or null for the server's default. */
export async function findProjectModel(projectId: string): Promise<ProjectAiModel | null> {
  const db = await getDb();
  return db.projectAiModel.findUnique({ where: { projectId } });
}

function toChoice(row: ProjectAiModel | null): ModelChoice {
  if (row?.kind === "server" && row.provider) return { kind: "server", provider: row.provider };
  if (row?.kind === "custom" && row.baseUrl && row.model) return { kind: "custom", baseUrl: row.baseUrl, model: row.model, hasKey: row.keyCiphertext !== null };
  return { kind: "default" };
}

const serverProviders = () => getConfig().aiProviders.map((p) => ({ name: p.name, model: p.model }));

/** The project's model choice and the server's providers; the key never leaves the server. */
export async function getProjectModel(scope: ProjectScope): Promise<ProjectModelView> {
  return { choice: toChoice(await findProjectModel(scope.projectId)), serverProviders: serverProviders() };
}

const sameOrigin = (a: string | null, b: string) => a !== null && new URL(a).origin === new URL(b).origin;

type Row = { kind: "server" | "custom"; provider: string | null; baseUrl: string | null; model: string | null; keyCiphertext: string | null };

// A key is never sent to an origin it was not given for: it is kept only while the origin stays the same.
function customRow(scope: ProjectScope, input: Extract<ProjectModelInput, { kind: "custom" }>, old: ProjectAiModel | null): Row {
  const kept = old?.kind === "custom" && sameOrigin(old.baseUrl, input.baseUrl) ? old.keyCiphertext : null;
  const keyCiphertext = input.apiKey === undefined ? kept : sealText(modelKeyContext(scope.projectId), input.apiKey);
  return { kind: "custom", provider: null, baseUrl: input.baseUrl, model: input.model, keyCiphertext };
}

async function rowFor(scope: ProjectScope, input: ProjectModelInput, old: ProjectAiModel | null): Promise<Row | null> {
  if (input.kind === "default") return null;
  if (input.kind === "server") {
    if (!getConfig().aiProviders.some((p) => p.name === input.provider)) {
      throw new AppError("bad_request", `This server has no model provider named ${input.provider}.`, "provider");
    }
    return { kind: "server", provider: input.provider, baseUrl: null, model: null, keyCiphertext: null };
  }
  await vetModelEndpoint(new URL(input.baseUrl));
  return customRow(scope, input, old);
}

/**
 * Sets the project's model (owners, by the route's access). A custom endpoint's address is checked
 * like functions' outbound requests; its key is sealed and replaced only when a new one is sent.
 */
export async function updateProjectModel(scope: ProjectScope, input: ProjectModelInput): Promise<ProjectModelView> {
  const db = await getDb();
  const old = await findProjectModel(scope.projectId);
  const row = await rowFor(scope, input, old);
  const saved = await db.$transaction(async (tx) => {
    const next = row
      ? await tx.projectAiModel.upsert({ where: { projectId: scope.projectId }, create: { projectId: scope.projectId, ...row }, update: row })
      : (await tx.projectAiModel.deleteMany({ where: { projectId: scope.projectId } }), null);
    const keyChanged = (old?.keyCiphertext ?? null) !== (next?.keyCiphertext ?? null);
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "ai_model.changed", { ...toChoice(next), keyChanged });
    return next;
  });
  return { choice: toChoice(saved), serverProviders: serverProviders() };
}
