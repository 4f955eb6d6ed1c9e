import fs from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { timedBuild } from "./timed-build";

// Platform child processes (the function runner, ...) are TypeScript in lib/, compiled once per content
// into node_modules/.cache: from there Node resolves their externals (native addons) in this
// project's node_modules, whatever MYCO_DATA_DIR is.
const CACHE_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", ".cache", "myco");

const builds = new Map<string, Promise<string>>();

async function build(entry: string, externals: readonly string[]): Promise<string> {
  const result = await timedBuild("other", {
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: [...externals],
    write: false,
    logLevel: "silent",
    banner: { js: "import { createRequire as __mycoRequire } from 'node:module'; const require = __mycoRequire(import.meta.url);" },
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const file = path.join(CACHE_DIR, `${path.basename(entry, path.extname(entry))}-${hash}.mjs`);
  await fs.mkdir(CACHE_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, code);
  await fs.rename(temp, file);
  return file;
}

/**
 * Compiles a platform-owned TypeScript entry point for a child process into one ESM file and returns its
 * path; built once per process (and per content on disk). `externals` stay as imports (native addons).
 */
export function buildNodeScript(entry: string, externals: readonly string[] = []): Promise<string> {
  let pending = builds.get(entry);
  if (!pending) {
    pending = build(entry, externals);
    builds.set(entry, pending);
    pending.catch(() => builds.delete(entry));
  }
  return pending;
}
