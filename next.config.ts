import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs/config";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, not bundled: PGlite finds its .wasm/.data files relative to
  // its own module URL, esbuild runs its platform binary, and native/driver packages must not be
  // duplicated (isolated-vm and better-sqlite3 are on Next's own list already).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "esbuild", "isolated-vm", "better-sqlite3", "ioredis"],
  poweredByHeader: false,
};

const sentryUpload = Boolean(process.env.SENTRY_AUTH_TOKEN && process.env.SENTRY_ORG && process.env.SENTRY_PROJECT);

export default withSentryConfig(nextConfig, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  // The build must work offline and send nothing anywhere unless source-map upload is configured.
  telemetry: false,
  sourcemaps: { disable: !sentryUpload },
  release: { create: sentryUpload },
  silent: true,
});
