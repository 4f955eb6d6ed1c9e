import { route, created, notAllowed } from "@/lib/http";
import { CreateProjectInput, createProject, listProjects } from "@/lib/projects";

export const GET = route({ access: "user", summary: "Projects the caller is a member of", projectTokens: true }, ({ identity }) => listProjects(identity));

export const POST = route({ access: "user", summary: "Create a project", body: CreateProjectInput, limits: ["projects"] }, async ({ identity, body, log }) =>
  created(await createProject(identity, body, log)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
