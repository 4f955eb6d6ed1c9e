/** The builder's tabs, in order; the first is where a project opens. */
export const TABS = ["preview", "code", "database", "functions", "history", "releases", "settings"] as const;
export type TabId = (typeof TABS)[number];

export const TAB_LABELS: Readonly<Record<TabId, string>> = {
  preview: "Preview",
  code: "Code",
  database: "Database",
  functions: "Functions",
  history: "History",
  releases: "Releases",
  settings: "Settings",
};

function isTab(value: string | undefined): value is TabId {
  return (TABS as readonly string[]).includes(value ?? "");
}

/** The tab and the path within it of `/projects/{id}/{tab}/{...path}`; null when the tab is unknown. */
export function parseView(segments: readonly string[] | undefined): { tab: TabId; path: string[] } | null {
  const [tab, ...path] = segments ?? [];
  if (tab === undefined) return { tab: "preview", path: [] };
  return isTab(tab) ? { tab, path } : null;
}

/** The URL of a tab (and a path within it) of a project. */
export function viewHref(projectId: string, tab: TabId, path: readonly string[] = []): string {
  const rest = path.map((p) => `/${encodeURIComponent(p)}`).join("");
  return `/projects/${projectId}${tab === "preview" && path.length === 0 ? "" : `/${tab}`}${rest}`;
}
