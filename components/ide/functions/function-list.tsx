import type { FunctionItem } from "./functions-api";
import styles from "./functions.module.css";

type Props = { functions: readonly FunctionItem[]; selected: string | null; onSelect: (name: string) => void };

function versionText(fn: FunctionItem): string {
  if (!fn.latestVersion) return "not built yet";
  const when = new Date(fn.latestVersion.createdAt);
  return `build ${fn.latestVersion.contentHash.slice(0, 8)} · ${Number.isNaN(when.getTime()) ? "" : when.toLocaleString()}`;
}

/** The workspace's functions, each with its latest build; the selected one is marked current. */
export function FunctionList({ functions, selected, onSelect }: Props) {
  return (
    <nav aria-label="Functions" className={styles.list}>
      <ul>
        {functions.map((fn) => (
          <li key={fn.name}>
            <button type="button" className={styles.listItem} aria-current={fn.name === selected ? "true" : undefined}
              // Spelled out: the two spans are grid items, and their text would otherwise run together ("hellobuild …").
              aria-label={`${fn.name}, ${versionText(fn)}`} onClick={() => onSelect(fn.name)}>
              <span className={styles.fnName}>{fn.name}</span>
              <span className="muted">{versionText(fn)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
