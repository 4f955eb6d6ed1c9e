import * as esbuild from "esbuild";
import { metrics } from "@/lib/log";

/** esbuild.build, its time (finished or failed) observed as myco_build_duration_seconds{kind}. */
export async function timedBuild<T extends esbuild.BuildOptions>(
  kind: "function" | "component" | "other",
  options: esbuild.SameShape<esbuild.BuildOptions, T>,
): Promise<esbuild.BuildResult<T>> {
  const started = performance.now();
  try {
    return await esbuild.build(options);
  } finally {
    metrics.build(kind, (performance.now() - started) / 1000);
  }
}
