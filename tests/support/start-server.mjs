// Runs lib/http/start-server.ts's startServer() in a process of its own, as instrumentation.ts does,
// without a `next build`: jiti compiles the TypeScript and resolves "@/". Prints "started" when it returns.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";

// Several of these may run at once (and beside a dev server): none takes the metrics port.
process.env.MYCO_METRICS_PORT ??= "0";
const root = `${path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")}/`;
const jiti = createJiti(import.meta.url, { alias: { "@/": root } });
const { startServer } = await jiti.import(`${root}lib/http/start-server.ts`);
await startServer();
process.stdout.write("started\n");
process.exit(0);
