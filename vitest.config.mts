import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    // `npm run bench` sets MYCO_BENCH: benchmarks print figures and are never part of `npm test`.
    include: process.env.MYCO_BENCH ? ["tests/bench/**/*.bench.ts"] : ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/support/setup.ts"],
    pool: "forks",
    execArgv: ["--no-node-snapshot"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses; inlined, vite resolves it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: process.env.MYCO_BENCH ? 600_000 : 30_000,
    // Benchmarks run one file at a time so that no two measure while competing for the 2 cores.
    fileParallelism: !process.env.MYCO_BENCH,
    hookTimeout: 60_000,
  },
});
