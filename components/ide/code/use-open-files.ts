"use client";

import { useCallback, useRef, useState } from "react";
import { readFile } from "./code-api";

/** A file open in the editor: what HEAD has (`saved`) and what the person typed (`value`). */
export type OpenFile = { path: string; saved: string; value: string; isBinary: boolean };

/** The editor's open files, in tab order; a file with value ≠ saved is unsaved and is never dropped by a reload. */
export function useOpenFiles(projectId: string) {
  const [files, setFiles] = useState<OpenFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Bumped by every reload and every save: only the newest one's view of HEAD may be applied.
  const generation = useRef(0);

  const open = useCallback(
    async (path: string) => {
      if (files.some((f) => f.path === path)) return true;
      const result = await readFile(projectId, path);
      if (!result.ok) {
        setError(result.error.message);
        return false;
      }
      const isBinary = result.data.encoding === "base64";
      const text = isBinary ? "" : result.data.content;
      setError(null);
      setFiles((list) => (list.some((f) => f.path === path) ? list : [...list, { path, saved: text, value: text, isBinary }]));
      return true;
    },
    [files, projectId],
  );
  const edit = useCallback((path: string, value: string) => setFiles((list) => list.map((f) => (f.path === path ? { ...f, value } : f))), []);
  const markSaved = useCallback((path: string, text: string) => {
    generation.current += 1;
    setFiles((list) => list.map((f) => (f.path === path ? { ...f, saved: text } : f)));
  }, []);
  const close = useCallback((path: string) => setFiles((list) => list.filter((f) => f.path !== path)), []);
  const moved = useCallback((from: string, to: string) => setFiles((list) => list.map((f) => (f.path === from ? { ...f, path: to } : f))), []);
  /**
   * After a commit from elsewhere: files without unsaved changes take HEAD's text; gone ones close if
   * clean. Reads that a newer reload or a save overtook are dropped (they may show an older HEAD).
   */
  const reload = useCallback(async () => {
    const mine = (generation.current += 1);
    const fresh = await Promise.all(files.map(async (f) => ({ f, answer: f.value === f.saved ? await readFile(projectId, f.path) : null })));
    if (mine !== generation.current) return;
    setFiles((list) =>
      list.flatMap((f) => {
        const hit = fresh.find((x) => x.f.path === f.path);
        if (!hit?.answer || f.value !== f.saved) return [f];
        if (!hit.answer.ok) return hit.answer.status === 404 ? [] : [f];
        const text = hit.answer.data.encoding === "base64" ? "" : hit.answer.data.content;
        return [{ ...f, saved: text, value: text }];
      }),
    );
  }, [files, projectId]);
  return { files, error, open, edit, markSaved, close, moved, reload };
}
