/** The `:param` names of a route path, in order. */
export function routeParams(path: string): string[] {
  return path.split("/").filter((s) => s.startsWith(":")).map((s) => s.slice(1));
}

function segmentsOf(pathname: string): string[] {
  return pathname.split("/").filter((s) => s !== "");
}

function matchOne(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [i, part] of pattern.entries()) {
    const value = actual[i] ?? "";
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null; // a malformed %-escape matches nothing rather than throwing during render
      }
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

/**
 * The page a pathname shows and its `:param` values, or null. The most specific route wins (more static
 * segments), then the first declared, so `/todos/new` beats `/todos/:id` whatever their order.
 */
export function matchRoute<R extends { path: string; page: string }>(
  routes: readonly R[],
  pathname: string,
): { page: string; route: R; params: Record<string, string> } | null {
  const actual = segmentsOf(pathname);
  let best: { page: string; route: R; params: Record<string, string>; staticCount: number } | null = null;
  for (const route of routes) {
    const pattern = segmentsOf(route.path);
    const params = matchOne(pattern, actual);
    const staticCount = pattern.filter((s) => !s.startsWith(":")).length;
    if (params && (!best || staticCount > best.staticCount)) best = { page: route.page, route, params, staticCount };
  }
  return best && { page: best.page, route: best.route, params: { ...best.params } };
}
