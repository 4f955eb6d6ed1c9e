import type { Migration } from "./database-api";
import styles from "./database-panel.module.css";

/** The migrations an environment's database has applied, oldest first. */
export function MigrationsList({ migrations }: { migrations: readonly Migration[] | { error: string } }) {
  return (
    <section className={styles.section} aria-labelledby="db-migrations-heading">
      <h3 id="db-migrations-heading">Migrations</h3>
      {"error" in migrations ? <p role="alert" className="form-error">{migrations.error}</p>
        : migrations.length === 0 ? <p className="muted">No migrations applied yet.</p>
        : (
          <ol className={styles.migrations}>
            {migrations.map((m) => (
              <li key={m.name}>
                <code>{m.name}</code> <span className="muted">applied {new Date(m.appliedAt).toLocaleString()}</span>
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
