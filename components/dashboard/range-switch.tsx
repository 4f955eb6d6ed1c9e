import Link from "next/link";
import type { StatsRange } from "@/lib/projects";
import styles from "./dashboard.module.css";

const LABELS: Record<StatsRange, string> = { hour: "Last hour", day: "Last day" };

/** The chart window as two links (`?range=hour|day`), so a range is a URL one can share. */
export function RangeSwitch({ range, href }: { range: StatsRange; href: string }) {
  return (
    <nav className={styles.range} aria-label="Chart range">
      {(["hour", "day"] as const).map((r) => (
        <Link key={r} href={`${href}?range=${r}`} aria-current={r === range ? "true" : undefined}>
          {LABELS[r]}
        </Link>
      ))}
    </nav>
  );
}
