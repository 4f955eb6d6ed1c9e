import { z } from "zod";
import { notAllowed, route, sse, wantsEventStream } from "@/lib/http";
import { getHeadSha, watchCommits } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });

/**
 * The workspace HEAD `{sha}`; with `Accept: text/event-stream`, a `head` event with it, then a `commit`
 * event for every new commit (from the agent, the editor or the API) once its builds have settled.
 */
export const GET = route({ access: "project:viewer", params }, async ({ scope, req }) => {
  if (!wantsEventStream(req)) return { sha: await getHeadSha(scope) };
  const commits = watchCommits(scope.projectId, req.signal);
  const head = await getHeadSha(scope);
  const stream = async function* () {
    yield { event: "head", data: { sha: head } };
    let last = head;
    // The builds of a commit made before the stream began may settle after it: that commit is not news.
    for await (const sha of commits) {
      if (sha === last) continue;
      last = sha;
      yield { event: "commit", data: { sha } };
    }
  };
  return sse(stream(), req.signal);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
