import { GET as readRoute, PUT as writeRoute } from "@/app/api/projects/[projectId]/files/[...path]/route";
import { call } from "./http";
import type { TestUser } from "./accounts";

/** Writes one file through the API and returns the response. */
export function putFile(user: TestUser, projectId: string, path: string, content: string, extra: Record<string, unknown> = {}) {
  return call(writeRoute, { method: "PUT", token: user.token, params: { projectId, path: path.split("/") }, body: { content, ...extra } });
}

/** Reads one file through the API. */
export function getFile(user: TestUser, projectId: string, path: string) {
  return call(readRoute, { token: user.token, params: { projectId, path: path.split("/") } });
}
