import { createContext } from "react";

/** What one of the app's GETs answered, as the render check hands it to the page. */
export type CheckedAnswer = { ok: true; data: unknown } | { ok: false; message: string };

/** An error a node showed in place of itself (or under itself) while the check rendered a page. */
export type ShownError = { nodeId?: string; component?: string; message: string };

/**
 * Set only while Myco's app check renders pages on the server (render-check-entry.tsx): the path shown,
 * the answers of the app's GETs fetched so far (URLs not yet answered are recorded and render as
 * loading), the errors nodes showed, and dialogs rendered open so their forms are checked too. In a
 * browser it is null and nothing reads it.
 */
export type RenderCheck = {
  location: string;
  answers: ReadonlyMap<string, CheckedAnswer>;
  requested: Set<string>;
  shown: ShownError[];
};

export const RenderCheckContext = createContext<RenderCheck | null>(null);
