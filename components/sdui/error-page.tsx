import type { BlueprintError } from "@/lib/sdui/client";

/**
 * What an app whose app.json is invalid shows instead of a blank page: every problem with its JSON
 * path, so the person (or the agent reading the IDE's error) can fix it.
 */
export function BlueprintErrorPage({ errors }: { errors: readonly BlueprintError[] }) {
  return (
    <main className="myco-page myco-error-page">
      <h1 className="myco-heading myco-heading-1">This app's blueprint has problems</h1>
      <div className="myco-error" role="alert">
        app.json did not pass validation ({errors.length} {errors.length === 1 ? "problem" : "problems"}):
      </div>
      <ul className="myco-error-list">
        {errors.map((e, i) => (
          <li key={i}>
            <code>{e.path || "(the whole file)"}</code> {e.message}
          </li>
        ))}
      </ul>
    </main>
  );
}

/** What shows when the page itself gave the runtime nothing usable to start from. */
export function BootErrorPage({ message }: { message: string }) {
  return (
    <main className="myco-page myco-error-page">
      <h1 className="myco-heading myco-heading-1">This app could not start</h1>
      <div className="myco-error" role="alert">
        {message}
      </div>
    </main>
  );
}
