import { useEffect, useMemo } from "react";
import { resolveTemplate, type Blueprint, type Page } from "@/lib/sdui/client";
import { AppLink } from "./app-link";
import { NodeView } from "./node-view";
import { createRefreshRegistry } from "./refresh-registry";
import { PageContext, type PageValue } from "./runtime-context";

type PageViewProps = { pageId: string; page: Page; params: Record<string, string>; search: string };

/** One page with its scope ({{route.…}}, {{query.…}}) and its own refresh registry. */
export function PageView({ pageId, page, params, search }: PageViewProps) {
  const registry = useMemo(() => createRefreshRegistry(), []);
  const paramsJson = JSON.stringify(params);
  const value = useMemo<PageValue>(() => {
    const query = Object.fromEntries(new URLSearchParams(search));
    return { pageId, registry, scope: { route: JSON.parse(paramsJson) as Record<string, string>, query } };
  }, [pageId, registry, paramsJson, search]);
  const title = resolveTemplate(page.title, value.scope);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <PageContext.Provider value={value}>
      <main className="myco-page" data-page-id={pageId}>
        <NodeView node={page.body} />
      </main>
    </PageContext.Provider>
  );
}

/** The home link of the not-found page: "/" if a route shows it, else the first route without params. */
function homePath(blueprint: Blueprint): string {
  return blueprint.routes.find((r) => r.path === "/")?.path ?? blueprint.routes.find((r) => !r.path.includes(":"))?.path ?? "/";
}

/** An unknown path: said plainly, inside the app, with a way home. */
export function NotFoundPage({ blueprint, pathname }: { blueprint: Blueprint; pathname: string }) {
  useEffect(() => {
    document.title = `Page not found · ${blueprint.name}`;
  }, [blueprint.name]);
  return (
    <main className="myco-page myco-not-found">
      <h1 className="myco-heading myco-heading-1">Page not found</h1>
      <p className="myco-text">
        There is no page at <code>{pathname}</code> in {blueprint.name}.
      </p>
      <p className="myco-text">
        <AppLink className="myco-link" href={homePath(blueprint)}>
          Go to the home page
        </AppLink>
      </p>
    </main>
  );
}
