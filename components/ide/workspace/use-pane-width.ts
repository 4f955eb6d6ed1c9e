"use client";

import { useCallback, useEffect, useState, type KeyboardEvent, type PointerEvent } from "react";

const MIN_PX = 280;
const MAX_SHARE = 0.6;
const STEP_PX = 24;
const STORAGE_KEY = "myco.chatWidth";

function clamp(px: number): number {
  return Math.round(Math.min(Math.max(px, MIN_PX), Math.max(MIN_PX, window.innerWidth * MAX_SHARE)));
}

/** The chat pane's width, dragged (pointer) or stepped (arrow keys) on the separator, remembered per browser. */
export function usePaneWidth(initialPx: number) {
  const [width, setWidth] = useState(initialPx);
  useEffect(() => {
    const saved = Number(window.localStorage.getItem(STORAGE_KEY));
    if (saved > 0) setWidth(clamp(saved));
  }, []);
  const commit = useCallback((px: number) => {
    const next = clamp(px);
    setWidth(next);
    window.localStorage.setItem(STORAGE_KEY, String(next));
  }, []);
  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const handle = event.currentTarget;
      const left = handle.parentElement?.getBoundingClientRect().left ?? 0;
      handle.setPointerCapture(event.pointerId);
      const move = (e: globalThis.PointerEvent) => commit(e.clientX - left);
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
      };
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
    },
    [commit],
  );
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === "ArrowLeft") commit(width - STEP_PX);
      else if (event.key === "ArrowRight") commit(width + STEP_PX);
      else return;
      event.preventDefault();
    },
    [commit, width],
  );
  return { width, separator: { onPointerDown, onKeyDown, "aria-valuenow": width, "aria-valuemin": MIN_PX } };
}
