import * as esbuild from "esbuild";
import { metrics } from "@/lib/log";

async function timed<T>(kind: "function" | "component" | "other", run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    metrics.build(kind, (performance.now() - started) / 1000);
  }
}

/** esbuild.build, its time (finished or failed) observed as myco_build_duration_seconds{kind}. */
export function timedBuild<T extends esbuild.BuildOptions>(
  kind: "function" | "component" | "other",
  options: esbuild.SameShape<esbuild.BuildOptions, T>,
): Promise<esbuild.BuildResult<T>> {
  return timed(kind, () => esbuild.build(options));
}

/** A kept context's rebuild, observed like a build of its own. */
export function timedRebuild<T extends esbuild.BuildOptions>(kind: "function" | "component", context: esbuild.BuildContext<T>): Promise<esbuild.BuildResult<T>> {
  return timed(kind, () => context.rebuild());
}
