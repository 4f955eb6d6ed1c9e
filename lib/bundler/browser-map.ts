import path from "node:path";
import { readInside } from "./package-jail";

// esbuild's default resolveExtensions, which it also tries on the keys of a "browser" map.
const EXTENSIONS = [".tsx", ".ts", ".jsx", ".js", ".css", ".json"];

type Scope = { dir: string; map: Record<string, unknown> };

function browserMapOf(bytes: Buffer): Record<string, unknown> | null {
  try {
    const browser: unknown = (JSON.parse(bytes.toString("utf8")) as { browser?: unknown }).browser;
    return browser && typeof browser === "object" && !Array.isArray(browser) ? (browser as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isPackagePath = (p: string) => !/^(\.\.?(\/|$)|\/)/.test(p);

// As esbuild's checkBrowserMap: the key itself, with an implicit extension, or as a folder's index.
function isFalseIn(map: Record<string, unknown>, key: string): boolean {
  const joined = path.posix.join(key, "index");
  const index = isPackagePath(joined) && !isPackagePath(key) ? `./${joined}` : joined;
  const keys = [key, ...EXTENSIONS.map((e) => key + e), index, ...EXTENSIONS.map((e) => index + e)];
  return keys.some((k) => Object.hasOwn(map, k) && map[k] === false);
}

/**
 * The modules a package's "browser" map turns off (`"./server.js": false`, `"fs": false`), which esbuild
 * empties for a browser build. esbuild's build.resolve() does not report it, and a plugin that answers
 * the resolution itself loses it, so the jail asks here, reading package.json files inside the jail only.
 */
export function browserMaps(packagesDir: string | null) {
  const scopes = new Map<string, Promise<Scope | null>>();
  // The nearest folder, up to node_modules, whose package.json has a "browser" map (esbuild's scope).
  function scopeOf(dir: string): Promise<Scope | null> {
    if (!packagesDir || !dir.startsWith(packagesDir + path.sep)) return Promise.resolve(null);
    let pending = scopes.get(dir);
    if (!pending) {
      pending = readInside(packagesDir, path.join(dir, "package.json")).then((bytes) => {
        const map = bytes ? browserMapOf(bytes) : null;
        return map ? { dir, map } : scopeOf(path.dirname(dir));
      });
      scopes.set(dir, pending);
    }
    return pending;
  }
  const relativeKey = (scope: Scope, file: string) => path.relative(scope.dir, file).split(path.sep).join("/");
  return {
    /** Whether `specifier`, imported from `importerDir` (and found at `resolved`, if it was), is turned off. */
    async isDisabled(importerDir: string, specifier: string, resolved: string | null): Promise<boolean> {
      const scope = await scopeOf(importerDir);
      if (!scope) return false;
      const keys = specifier.startsWith(".") ? [relativeKey(scope, path.join(importerDir, specifier))] : [specifier];
      if (resolved) keys.push(relativeKey(scope, resolved));
      return keys.some((key) => !key.startsWith("..") && (isFalseIn(scope.map, key) || isFalseIn(scope.map, `./${key}`)));
    },
  };
}
