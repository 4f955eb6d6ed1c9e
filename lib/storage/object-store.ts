import type { ArtifactStoreConfig } from "@/lib/config";

type S3Config = Extract<ArtifactStoreConfig, { kind: "s3" }>;

/** A bucket of immutable objects (keys are content addresses), on S3 or any S3-compatible service. */
export type ObjectStore = {
  /** Stores `bytes` under `key` unless an object is there already (same key, same bytes). */
  putOnce(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
};

// What a CDN in front of the bucket (or Myco, serving from it) may cache for good: keys never change bytes.
const IMMUTABLE = "public, max-age=31536000, immutable";

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
};

/** The bucket MYCO_ARTIFACTS_URL names, through the official AWS SDK client (loaded on first use). */
export function openObjectStore(config: S3Config): ObjectStore {
  const sdk = import("@aws-sdk/client-s3");
  const client = sdk.then(({ S3Client }) => new S3Client({
    region: config.region,
    ...(config.endpoint && { endpoint: config.endpoint, forcePathStyle: true }),
    ...(config.credentials && { credentials: config.credentials }),
  }));
  const target = (key: string) => ({ Bucket: config.bucket, Key: `${config.prefix}${key}` });
  return {
    async putOnce(key, bytes, contentType) {
      const [{ HeadObjectCommand, PutObjectCommand }, s3] = await Promise.all([sdk, client]);
      const exists = await s3.send(new HeadObjectCommand(target(key))).then(() => true, (err: unknown) => {
        if (isNotFound(err)) return false;
        throw err;
      });
      if (exists) return;
      await s3.send(new PutObjectCommand({ ...target(key), Body: bytes, ContentType: contentType, CacheControl: IMMUTABLE }));
    },
    async get(key) {
      const [{ GetObjectCommand }, s3] = await Promise.all([sdk, client]);
      try {
        const answer = await s3.send(new GetObjectCommand(target(key)));
        return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
  };
}
