// A second "node" for the coordination tests: its own process and PostgreSQL sessions, driven over
// stdin/stdout. `node coordination-node.mjs <url>`; commands, one per line: "lock <key>" (takes the lock
// and holds it; prints "locked <key>"), "lease <key>" (prints "leased <key>" or "refused <key>").
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";

const root = `${path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")}/`;
const jiti = createJiti(import.meta.url, { alias: { "@/": root } });
const { PostgresCoordination } = await jiti.import(`${root}lib/coordination/postgres.ts`);
const node = new PostgresCoordination(process.argv[2], `test-node-${process.pid}`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, key] = line.split(" ");
  if (command === "lock") {
    void node.withLock(key, false, () => {
      process.stdout.write(`locked ${key}\n`);
      return new Promise(() => undefined);
    });
  } else if (command === "lease") {
    const lease = await node.tryLease([key]);
    process.stdout.write(`${lease ? "leased" : "refused"} ${key}\n`);
  }
}
