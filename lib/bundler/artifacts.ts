import fs from "node:fs/promises";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";

/** A stored build output, addressed by the sha256 of its bytes (so it is immutable and cacheable forever). */
export type Artifact = { key: string; hash: string; sizeBytes: number };

const KEY = /^(functions|mfe|vendor|blueprints|migrations)\/[0-9a-f]{64}\.(js|css|map|json|sql)$/;

/** What an artifact is: a compiled function, a component bundle, a shared vendor module, or a release's blueprint or migration. */
export type ArtifactKind = "functions" | "mfe" | "vendor" | "blueprints" | "migrations";

function fileOf(key: string): string {
  if (!KEY.test(key)) throw new Error(`not an artifact key: ${key}`);
  return path.join(getConfig().dataDir, "artifacts", key);
}

/** Stores `bytes` under `<kind>/<sha256>.<ext>`; storing the same bytes twice is a no-op. */
export async function putArtifact(kind: ArtifactKind, ext: "js" | "css" | "map" | "json" | "sql", bytes: Uint8Array): Promise<Artifact> {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const key = `${kind}/${hash}.${ext}`;
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
  return fs.readFile(fileOf(key)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
}
