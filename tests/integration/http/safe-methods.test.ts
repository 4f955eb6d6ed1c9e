// No GET anywhere changes stored state: every GET handler of every route file (found by walking the
// folders) is called with valid params and query, and the registry rows, workspace HEAD and files and
// tenant database rows are the same afterwards.
import { beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "@/tests/support/accounts";
import { seedFixture } from "@/tests/support/fuzz/fixture";
import { discoverRoutes, implementedHandlers, pathFor } from "@/tests/support/fuzz/routes";
import { send } from "@/tests/support/fuzz/send";
import { snapshotState } from "@/tests/support/fuzz/state";
import { validParams, validQuery, type Fixture } from "@/tests/support/fuzz/values";

const routes = await discoverRoutes();
// The tenant's own function answers GET on its app origin: what it does is its code's business, and
// each run is recorded as an invocation, like an access log.
const TENANT_CODE = "/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]";
// Content-addressed bundles: the fixture has none under a made-up hash, so 404 is the valid answer.
const NOT_FOUND_IS_VALID = new Set(["/apps-host/[slug]/[env]/myco-assets/a/[...key]"]);
// A dev component built on request answers with a redirect to its content-addressed bundle.
const REDIRECTS = new Set(["/apps-host/[slug]/[env]/myco-assets/c/[name]"]);

let owner: TestUser;
let fx: Fixture;

beforeAll(async () => {
  ({ owner, fx } = await seedFixture());
}, 120_000);

describe("safe methods", () => {
  it("change nothing anywhere: every GET leaves registry rows, workspaces and tenant databases as they were", async () => {
    const subject = { userId: owner.id, projectId: fx.projectId };
    // Build caches (component and function versions) may be filled by a read; see state.ts.
    const before = await snapshotState(subject, false);
    const answers: string[] = [];
    for (const route of routes.filter((r) => r.urlPath !== TENANT_CODE && r.urlPath !== "/api/[...path]")) {
      const get = (await implementedHandlers(route)).find((h) => h.method === "GET");
      if (!get) continue;
      const params = validParams(route.params, get.spec?.params, fx);
      const query = get.spec?.query ? validQuery(get.spec.query, `GET ${route.urlPath} query`, fx) : {};
      const res = await send(get.handler, { method: "GET", path: pathFor(route, params), query: new URLSearchParams(query).toString(), params, token: owner.token });
      const fine = res.status < 300 || (res.status === 404 && NOT_FOUND_IS_VALID.has(route.urlPath)) || (res.status === 302 && REDIRECTS.has(route.urlPath));
      if (!fine) answers.push(`GET ${route.urlPath}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(answers).toEqual([]);
    expect(await snapshotState(subject, false)).toEqual(before);
  }, 300_000);
});
