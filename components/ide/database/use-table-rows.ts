"use client";

import { useCallback, useEffect, useState } from "react";
import { getRows, type CellValue, type Env } from "./database-api";

type Rows = { columns: string[]; rows: CellValue[][]; nextCursor: string | null };
export type RowsState = { status: "loading" } | { status: "error"; message: string } | ({ status: "ready"; loadingMore: boolean; moreError: string | null } & Rows);

/** A table's rows, the first page on load and the next on `loadMore`, with local edits spliced in. */
export function useTableRows(projectId: string, env: Env, table: string, reloadKey: string | null) {
  const [state, setState] = useState<RowsState>({ status: "loading" });

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    void getRows(projectId, env, table, null).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: "ready", loadingMore: false, moreError: null, ...result.data } : { status: "error", message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [projectId, env, table, reloadKey]);

  const loadMore = useCallback(async () => {
    if (state.status !== "ready" || !state.nextCursor) return;
    setState({ ...state, loadingMore: true, moreError: null });
    const result = await getRows(projectId, env, table, state.nextCursor);
    if (!result.ok) return setState({ ...state, loadingMore: false, moreError: result.error.message });
    setState({ ...state, loadingMore: false, rows: [...state.rows, ...result.data.rows], nextCursor: result.data.nextCursor });
  }, [state, projectId, env, table]);

  /** Replaces row `index` (undefined: appends, when the last page is loaded; null: removes it). */
  const splice = useCallback((index: number | undefined, row: CellValue[] | null) => {
    setState((s) => {
      if (s.status !== "ready") return s;
      if (index === undefined) return s.nextCursor === null && row ? { ...s, rows: [...s.rows, row] } : s;
      const rows = row ? s.rows.map((r, i) => (i === index ? row : r)) : s.rows.filter((_, i) => i !== index);
      return { ...s, rows };
    });
  }, []);

  return { state, loadMore, splice };
}
