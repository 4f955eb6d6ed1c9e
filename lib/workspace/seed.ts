// The files a new project starts with: a minimal app of every kind of part Myco builds.

const README = (name: string) => `# ${name}

This is the workspace of a Myco app. Every change, by you or by Myco's agent, is a git commit, so any
change can be inspected and undone.

| path | what it is |
| --- | --- |
| \`app.json\` | the UI blueprint: routes, pages and the components on them |
| \`components/<Name>.tsx\` | your own React components, bundled and served to the app |
| \`functions/<name>.ts\` | server functions the app calls; each runs isolated, per request |
| \`db/migrations/NNNN_<name>.sql\` | the app's database schema, applied in order |
| \`package.json\` | npm packages your components and functions use |

Database migrations may only create, alter or drop tables, indexes, views and triggers; each runs in a
transaction, and dropping a table or column that holds data must be confirmed.

## Functions

\`functions/todos.ts\` answers \`/_fn/todos\` (any method, and \`/_fn/todos/<more path>\`) on the app's
origin:

\`\`\`ts
export default async function handler(req, ctx) {
  // req: { method, path, query, headers, body }   (body is parsed JSON when sent as application/json)
  if (req.method === "POST") {
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO todos (title) VALUES (?)", [req.body.title]);
    return { status: 201, body: { id: lastInsertRowid } };
  }
  return ctx.db.query("SELECT * FROM todos WHERE done = ?", [0]);   // rows as objects
}
\`\`\`

Return any JSON value (status 200), or \`{ status, headers, body }\`. \`ctx\` holds only:

| capability | what it does |
| --- | --- |
| \`ctx.db.query(sql, params)\` | one read-only SELECT on this app's database; rows as objects |
| \`ctx.db.exec(sql, params)\` | one INSERT, UPDATE, DELETE or REPLACE; \`{ changes, lastInsertRowid, rows }\` |
| \`ctx.env.NAME\` | the project's secrets (set them in the builder or with PUT /api/projects/{id}/secrets/NAME) |
| \`ctx.fetch(url, init)\` | outbound HTTP to the hosts allowed in the project's function settings (off by default) |
| \`console.log\` … | captured into the function's logs |

Each call runs in a fresh sandbox (nothing persists between requests) with limits: 64 MiB memory,
1 s of CPU, 10 s in all, a 1 MiB response, 64 KiB of logs. There is no file system, no \`process\`
and no Node built-ins; npm packages listed in \`package.json\` that are plain JavaScript are bundled in.
`;

const APP_JSON = (name: string) => ({
  version: 1,
  name,
  routes: [{ path: "/", page: "home" }],
  pages: {
    home: {
      title: name,
      body: {
        id: "root",
        type: "stack",
        children: [
          { id: "title", type: "heading", text: name },
          { id: "intro", type: "text", text: "Describe the app you want in the builder, and Myco will build it here." },
        ],
      },
    },
  },
});

const HELLO_FUNCTION = `// GET /_fn/hello on the app's origin. A function receives the request and a context of capabilities.
export default async function handler(req: { query: Record<string, string> }) {
  return { message: \`Hello, \${req.query.name ?? "world"}!\` };
}
`;

const WELCOME_COMPONENT = `export default function Welcome({ name = "there" }: { name?: string }) {
  return <p className="welcome">Welcome, {name}.</p>;
}
`;

/** Path → content of a new project's first commit. */
export function seedFiles(name: string, slug: string): Record<string, string> {
  return {
    "README.md": README(name),
    "app.json": `${JSON.stringify(APP_JSON(name), null, 2)}\n`,
    "package.json": `${JSON.stringify({ name: slug, private: true, version: "0.0.0", dependencies: {} }, null, 2)}\n`,
    "components/Welcome.tsx": WELCOME_COMPONENT,
    "functions/hello.ts": HELLO_FUNCTION,
    "db/migrations/.gitkeep": "",
  };
}
