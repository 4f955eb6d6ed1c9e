import { z } from "zod";
import { previewEvents } from "@/lib/bundler";
import { notAllowed, route, sse, wantsEventStream } from "@/lib/http";
import { getHeadSha } from "@/lib/workspace";

const params = z.strictObject({ projectId: z.uuid() });

/**
 * The workspace HEAD `{sha}`; with `Accept: text/event-stream`, a `head` event with it, then a `commit`
 * event `{sha, hot}` for every new commit (from the agent, the editor or the API) once its builds have
 * settled, and before it a `component` event `{name, url}` or `{name, errors}` for each component
 * rebuilt from the edit (`hot`: every file of the commit was swapped in so, the preview need not reload).
 */
export const GET = route({ access: "project:viewer", summary: "The workspace HEAD, or a stream of new commits and hot component builds", params }, async ({ scope, req }) => {
  if (!wantsEventStream(req)) return { sha: await getHeadSha(scope) };
  // Ends the listening if the stream is never returned (HEAD unreadable, too many streams open).
  const refused = new AbortController();
  const signal = AbortSignal.any([req.signal, refused.signal]);
  try {
    return sse(await previewEvents(scope, signal), signal, scope.userId);
  } catch (err) {
    refused.abort();
    throw err;
  }
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
