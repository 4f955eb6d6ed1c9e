// Which components the first page of a blueprint shows, read from app.json as it is (not validated: a
// hint of what to build first, where a wrong answer costs only a later build, never a wrong page).

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function collect(node: unknown, names: Set<string>, depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, names, depth + 1);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === "component" && typeof node.name === "string") names.add(node.name);
  for (const value of Object.values(node)) collect(value, names, depth + 1);
}

/** The component names on the page a visit to "/" shows (the route "/", else the first route's page). */
export function landingComponentNames(blueprint: unknown): string[] {
  if (!isRecord(blueprint) || !Array.isArray(blueprint.routes) || !isRecord(blueprint.pages)) return [];
  const routes = blueprint.routes.filter(isRecord);
  const route = routes.find((r) => r.path === "/") ?? routes[0];
  const pageId = route?.page;
  if (typeof pageId !== "string" || !Object.hasOwn(blueprint.pages, pageId)) return [];
  const names = new Set<string>();
  collect(blueprint.pages[pageId], names, 0);
  return [...names];
}
