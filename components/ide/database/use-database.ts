"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getSchema, isDeployed, listMigrations, type Env, type Migration, type TenantSchema } from "./database-api";

/** What the panel shows for one environment. */
export type DatabaseState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "undeployed" }
  | { status: "ready"; schema: TenantSchema; migrations: Migration[] | { error: string } };

/** The schema and migrations of `env`, read again whenever `head` moves; `refresh` re-reads them in place. */
export function useDatabase(projectId: string, env: Env, head: string | null) {
  const [state, setState] = useState<DatabaseState>({ status: "loading" });
  const shownEnv = useRef<Env | null>(null);

  const read = useCallback(async (): Promise<DatabaseState> => {
    const deployed = await isDeployed(projectId, env);
    if (!deployed.ok) return { status: "error", message: deployed.error.message };
    // Staging and prod have no database worth reading before their first deploy.
    if (!deployed.data) return { status: "undeployed" };
    const [schema, migrations] = await Promise.all([getSchema(projectId, env), listMigrations(projectId, env)]);
    if (!schema.ok) return env === "dev" ? { status: "error", message: schema.error.message } : { status: "undeployed" };
    return { status: "ready", schema: schema.data, migrations: migrations.ok ? migrations.data : { error: migrations.error.message } };
  }, [projectId, env]);

  useEffect(() => {
    let live = true;
    // A new commit re-reads in place; only another environment starts from "Loading".
    if (shownEnv.current !== env) setState({ status: "loading" });
    shownEnv.current = env;
    void read().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [read, env, head]);

  const refresh = useCallback(() => {
    void read().then(setState);
  }, [read]);

  return { state, refresh };
}
