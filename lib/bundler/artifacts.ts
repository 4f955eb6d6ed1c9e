import fs from "node:fs/promises";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { getConfig, processWide } from "@/lib/config";
import { openObjectStore, type ObjectStore } from "@/lib/storage";

/** A stored build output, addressed by the sha256 of its bytes (so it is immutable and cacheable forever). */
export type Artifact = { key: string; hash: string; sizeBytes: number };

const KEY = /^(functions|mfe|vendor|blueprints|migrations)\/[0-9a-f]{64}\.(js|css|map|json|sql)$/;

/** What an artifact is: a compiled function, a component bundle, a shared vendor module, or a release's blueprint or migration. */
export type ArtifactKind = "functions" | "mfe" | "vendor" | "blueprints" | "migrations";

type Ext = "js" | "css" | "map" | "json" | "sql";

const CONTENT_TYPES: Record<Ext, string> = {
  js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8", map: "application/json", json: "application/json", sql: "text/plain; charset=utf-8",
};

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error(`not an artifact key: ${key}`);
  return key;
}

function fileOf(key: string): string {
  return path.join(getConfig().dataDir, "artifacts", checked(key));
}

// With MYCO_ARTIFACTS_URL the artifacts live in a bucket every node reads; what a node read is kept
// (content-addressed, so never stale) up to a budget, as most reads are the same few bundles.
const READ_CACHE_BYTES = 64 * 1024 * 1024;

function bucket(): { store: ObjectStore; cache: Map<string, Buffer>; bytes: { held: number } } | null {
  return processWide("bundler.artifactBucket", () => {
    const config = getConfig().artifacts;
    return { bucket: config.kind === "s3" ? { store: openObjectStore(config), cache: new Map<string, Buffer>(), bytes: { held: 0 } } : null };
  }).bucket;
}

function remember(b: NonNullable<ReturnType<typeof bucket>>, key: string, bytes: Buffer): void {
  if (bytes.length > READ_CACHE_BYTES / 8 || b.cache.has(key)) return;
  b.cache.set(key, bytes);
  b.bytes.held += bytes.length;
  for (const [oldest, value] of b.cache) {
    if (b.bytes.held <= READ_CACHE_BYTES) break;
    b.cache.delete(oldest);
    b.bytes.held -= value.length;
  }
}

/** Stores `bytes` under `<kind>/<sha256>.<ext>`; storing the same bytes twice is a no-op. */
export async function putArtifact(kind: ArtifactKind, ext: Ext, bytes: Uint8Array): Promise<Artifact> {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const key = `${kind}/${hash}.${ext}`;
  const remote = bucket();
  if (remote) {
    await remote.store.putOnce(checked(key), bytes, CONTENT_TYPES[ext]);
    return { key, hash, sizeBytes: bytes.byteLength };
  }
  const file = fileOf(key);
  const exists = await fs.stat(file).then(() => true, () => false);
  if (!exists) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    // A unique temp name: two builds may store the same bytes at the same moment, and each rename must
    // find its own file (the second simply replaces identical content).
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, file);
    } catch (err) {
      // A full disk fails the write midway: no half-written temp file stays behind.
      await fs.rm(temp, { force: true });
      throw err;
    }
  }
  return { key, hash, sizeBytes: bytes.byteLength };
}

/** The bytes of a stored artifact, or null if there is none. */
export async function readArtifact(key: string): Promise<Buffer | null> {
  const remote = bucket();
  if (remote) {
    const kept = remote.cache.get(checked(key));
    if (kept) return kept;
    const bytes = await remote.store.get(key);
    if (bytes) remember(remote, key, bytes);
    return bytes;
  }
  return fs.readFile(fileOf(key)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
}
