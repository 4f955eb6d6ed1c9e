import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { ENV_NAMES, type EnvName } from "@/lib/sdui";
import { appOrigin } from "@/lib/security";
import { getHeadSha } from "@/lib/workspace";
import { DEPLOYMENT_SELECT, toDeploymentView, type DeploymentView } from "./deployment-view";

const HISTORY = 20;

/** One environment: its URL, what it serves now, and its recent deployments (newest first). */
export type EnvironmentView = {
  name: EnvName;
  url: string;
  /** dev follows the workspace: the commit it serves now. */
  headSha: string | null;
  current: DeploymentView | null;
  history: DeploymentView[];
};

/** The project's three environments: dev (the workspace HEAD), staging and prod (their deployments). */
export async function listEnvironments(scope: ProjectScope): Promise<EnvironmentView[]> {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: scope.projectId }, select: { slug: true } });
  const environments = await db.environment.findMany({
    where: { projectId: scope.projectId },
    select: { name: true, currentDeploymentId: true, deployments: { select: DEPLOYMENT_SELECT, orderBy: { createdAt: "desc" }, take: HISTORY } },
  });
  const byName = new Map(environments.map((e) => [e.name, e]));
  const headSha = await getHeadSha(scope);
  return ENV_NAMES.map((name) => {
    const history = (byName.get(name)?.deployments ?? []).map(toDeploymentView);
    const currentId = byName.get(name)?.currentDeploymentId;
    return { name, url: appOrigin(project.slug, name), headSha: name === "dev" ? headSha : null, current: history.find((d) => d.id === currentId) ?? null, history };
  });
}
