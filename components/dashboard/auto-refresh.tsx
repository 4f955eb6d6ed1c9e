"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const EVERY_MS = 15_000;

/** Re-renders the server page every 15 s while it is visible, so the charts follow what runs. */
export function AutoRefresh() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
