/** Bytes in the unit a person reads at a glance: 512 B, 14.2 KiB, 3.1 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A share (0..1) as a percentage with one decimal; a dash when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? "–" : `${(share * 100).toFixed(1)} %`;
}

/** Milliseconds, or a dash when nothing ran. */
export function formatMs(ms: number | null): string {
  return ms === null ? "–" : `${ms} ms`;
}
