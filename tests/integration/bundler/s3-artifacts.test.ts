// Artifacts in an S3-compatible bucket (MYCO_ARTIFACTS_URL), against a real S3-protocol server run here
// (s3rver) and read back with the official AWS SDK client: stored once by content address with immutable
// caching, served to an app's origin from the bucket, nothing of them in the data folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BUCKET = "myco-artifacts";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-s3-"));
const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir });
const address = (await server.run()) as AddressInfo;
const endpoint = `http://127.0.0.1:${address.port}`;
// Read once, on first use: set before any module reads the configuration.
process.env.MYCO_ARTIFACTS_URL = `s3://${CREDENTIALS.accessKeyId}:${CREDENTIALS.secretAccessKey}@${BUCKET}/builds/?endpoint=${endpoint}&region=us-east-1`;

const { buildComponent, putArtifact, readArtifact } = await import("@/lib/bundler");
const { applyChanges } = await import("@/lib/workspace");
const { log } = await import("@/lib/log");
const { getConfig } = await import("@/lib/config");
const { getDb } = await import("@/lib/db");
const { GET: assetRoute } = await import("@/app/apps-host/[slug]/[env]/myco-assets/a/[...key]/route");
const { ownerScope } = await import("@/tests/support/scope");

const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: CREDENTIALS });

beforeAll(async () => {
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  client.destroy();
  await server.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

describe("artifacts in an S3 bucket", () => {
  it("stores an artifact once under its content address, with its type and immutable caching", async () => {
    const bytes = Buffer.from("export const answer = 42;\n");
    const artifact = await putArtifact("functions", "js", bytes);
    expect(artifact.key).toMatch(/^functions\/[0-9a-f]{64}\.js$/);
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `builds/${artifact.key}` }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(bytes);
    expect(object.ContentType).toBe("text/javascript; charset=utf-8");
    expect(object.CacheControl).toBe("public, max-age=31536000, immutable");
    const first = (await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `builds/${artifact.key}` }))).LastModified;
    await new Promise((r) => setTimeout(r, 1100));
    await putArtifact("functions", "js", bytes); // the same bytes again: not written again
    expect((await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `builds/${artifact.key}` }))).LastModified).toEqual(first);
    expect(await readArtifact(artifact.key)).toEqual(bytes);
    expect(fs.existsSync(path.join(getConfig().dataDir, "artifacts", artifact.key))).toBe(false);
  });

  it("answers null for a key the bucket lacks and refuses what is not an artifact key", async () => {
    expect(await readArtifact(`mfe/${"0".repeat(64)}.js`)).toBeNull();
    await expect(readArtifact("../../etc/passwd")).rejects.toThrow("not an artifact key");
  });

  it("builds a component into the bucket and serves it on the app's origin from there", async () => {
    const scope = await ownerScope("Bucket app");
    await applyChanges(scope, { message: "A card", changes: [{ op: "write", path: "components/Card.tsx", content: "export default function Card() {\n  return <p>from the bucket</p>;\n}\n", encoding: "utf8" }] }, log);
    const built = await buildComponent(scope, "Card");
    const key = built.url.replace("/_myco/a/", "");
    const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `builds/${key}` }));
    expect(await stored.Body!.transformToString()).toContain("from the bucket");
    const slug = (await (await getDb()).project.findUniqueOrThrow({ where: { id: scope.projectId } })).slug;
    const res = await assetRoute(new Request(`http://${slug}.apps.localhost:3000${built.url}`), { params: Promise.resolve({ slug, env: "dev", key: key.split("/") }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toContain("from the bucket");
    expect(fs.existsSync(path.join(getConfig().dataDir, "artifacts", key))).toBe(false);
  }, 60_000);
});
