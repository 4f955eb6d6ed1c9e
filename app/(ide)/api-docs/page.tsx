import Link from "next/link";
import type { OpenApiOperation, OpenApiParameter } from "@/lib/http";
import { apiDocument } from "@/app/api/openapi.json/route-table";
import { SchemaNode } from "./schema-tree";
import styles from "./api-docs.module.css";

export const metadata = { title: "API reference · Myco" };

type Listed = { method: string; path: string; op: OpenApiOperation };

const ACCESS: Record<string, string> = {
  public: "anyone, signed in or not",
  user: "any signed-in user or API token",
  admin: "a platform admin",
};

function accessText(op: OpenApiOperation): string {
  const access = op["x-myco-access"];
  const role = access.slice("project:".length);
  const who = ACCESS[access] ?? (role === "owner" ? "a project owner" : `a project ${role} or above`);
  return op["x-myco-project-tokens"] ? `${who} (a project-limited token too)` : who;
}

function Parameters({ parameters }: { parameters: OpenApiParameter[] }) {
  if (parameters.length === 0) return null;
  return (
    <>
      <h4>Parameters</h4>
      <table className={`table ${styles.params}`}>
        <thead><tr><th>Name</th><th>In</th><th>Type</th></tr></thead>
        <tbody>
          {parameters.map((p) => (
            <tr key={`${p.in}:${p.name}`}>
              <td><code>{p.name}</code>{p.required ? "" : <span className="muted"> optional</span>}</td>
              <td>{p.in}</td>
              <td>
                <SchemaNode schema={p.schema} />
                {p.description && <span className="muted"> {p.description}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Operation({ method, path, op }: Listed) {
  const body = op.requestBody?.content["application/json"].schema;
  const errors = Object.entries(op.responses).filter(([status]) => status.startsWith("4") || status.startsWith("5"));
  const success = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
  return (
    <article className={styles.operation} id={op.operationId} aria-labelledby={`${op.operationId}-title`}>
      <h3 id={`${op.operationId}-title`}>
        <span className={styles.method} data-method={method}>{method}</span>
        <code>{path}</code>
      </h3>
      {op.summary !== `${method} ${path}` && <p className="muted">{op.summary}</p>}
      {op.description && <p>{op.description}</p>}
      <p className={styles.meta}>
        <span>Access: {accessText(op)}</span>
        <span className="muted">operationId <code>{op.operationId}</code></span>
      </p>
      <Parameters parameters={op.parameters} />
      {body && (
        <>
          <h4>Request body (application/json)</h4>
          <SchemaNode schema={body} />
        </>
      )}
      <h4>Responses</h4>
      <p className={styles.meta}>{success.map(([status, r]) => <span key={status}><code>{status}</code> {r.description}</span>)}</p>
      <ul className={styles.errors} aria-label="Error answers">
        {errors.map(([status, r]) => <li key={status} title={r.description}>{status} {r.description.split(":")[0]}</li>)}
      </ul>
    </article>
  );
}

/** The HTTP API as /api/openapi.json describes it, grouped by resource: built on the server from the routes' own schemas. */
export default function ApiDocsPage() {
  const doc = apiDocument();
  const operations: Listed[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op: op as OpenApiOperation })),
  );
  const groups = doc.tags.map((t) => ({ tag: t.name, ops: operations.filter((o) => o.op.tags.includes(t.name)) }));
  return (
    <main className="page">
      <h1>API reference</h1>
      <p>
        Every route of Myco&apos;s HTTP API, from the same schemas it validates requests with. Call it with an API token (Settings →
        API tokens, or <code>POST /api/tokens</code>) as <code>Authorization: Bearer &lt;token&gt;</code>. Errors are JSON:{" "}
        <code>{"{ \"error\": { \"code\", \"message\", \"field\" } }"}</code>. The machine-readable document is{" "}
        <Link href="/api/openapi.json" prefetch={false}>/api/openapi.json</Link> (OpenAPI {doc.openapi}).
      </p>
      <nav aria-label="Resources">
        <ul className={styles.toc}>
          {groups.map((g) => <li key={g.tag}><a href={`#tag-${g.tag}`}>{g.tag}</a> <span className="muted">{g.ops.length}</span></li>)}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.tag} id={`tag-${g.tag}`} className={styles.group} aria-labelledby={`tag-${g.tag}-title`}>
          <h2 id={`tag-${g.tag}-title`}>{g.tag}</h2>
          {g.ops.map((o) => <Operation key={o.op.operationId} {...o} />)}
        </section>
      ))}
    </main>
  );
}
