import type { TenantScope } from "@/lib/auth";
import { watchCommits } from "./commit-info";
import { getHeadSha } from "./read-files";

/**
 * What the HEAD stream sends: the current HEAD first, then each new commit; a `hot` commit's files were
 * all shown live before it landed (a preview that took them in needs no reload).
 */
export type HeadEvent = { event: "head"; data: { sha: string } } | { event: "commit"; data: { sha: string; hot: boolean } };

/**
 * The HEAD, then every later commit once its builds settled, until `signal` aborts. Listening starts
 * before HEAD is read, so no commit falls between; a commit whose builds settle after the stream began
 * but that is HEAD already is not sent twice.
 */
export async function headEvents(scope: TenantScope, signal: AbortSignal): Promise<AsyncGenerator<HeadEvent>> {
  const commits = watchCommits(scope.projectId, signal);
  const head = await getHeadSha(scope);
  return (async function* () {
    yield { event: "head", data: { sha: head } };
    let last = head;
    for await (const { sha, hot } of commits) {
      if (sha === last) continue;
      last = sha;
      yield { event: "commit", data: { sha, hot } };
    }
  })();
}
