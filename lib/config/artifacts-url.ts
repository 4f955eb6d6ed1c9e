import { z } from "zod";

/** Where build artifacts are kept: the data folder, or an S3-compatible bucket (MYCO_ARTIFACTS_URL). */
export type ArtifactStoreConfig =
  | { kind: "local" }
  | {
      kind: "s3";
      bucket: string;
      /** Prepended to every key ("" or ending in "/"). */
      prefix: string;
      region: string;
      /** Another S3-compatible service (MinIO, R2, ...), addressed path-style; unset for AWS itself. */
      endpoint: string | undefined;
      /** Unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID..., a pod's web identity, an instance role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Segments of letters, digits, _ . - (never "." or ".." alone), each ending in "/".
const PREFIX = /^((?!\.{1,2}\/)[A-Za-z0-9_.-]+\/)*$/;
const REGION = /^[a-z0-9-]{1,32}$/;

/** `s3://[ACCESS_KEY:SECRET_KEY@]bucket[/prefix][?endpoint=https://host:port&region=eu-west-1]` */
export const ArtifactsUrl = z.string().transform((text, ctx): ArtifactStoreConfig => {
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("must be a URL like s3://bucket/prefix?endpoint=https://host:port&region=us-east-1");
  }
  if (url.protocol !== "s3:") return fail("must start with s3://");
  if (!BUCKET.test(url.hostname)) return fail("must name a bucket (3-63 lower-case letters, digits, dots, hyphens) as its host");
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return null;
    }
  };
  const prefix = decode(url.pathname.replace(/^\//, ""));
  if (prefix === null) return fail("its path has a malformed %-escape");
  const normalised = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  if (!PREFIX.test(normalised)) return fail("its path (the key prefix) may hold only letters, digits, _ . - and / (no . or .. segment)");
  const endpoint = url.searchParams.get("endpoint") ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(endpoint)) return fail("endpoint must be an http(s) origin, like https://minio.internal:9000");
  const region = url.searchParams.get("region") ?? "us-east-1";
  if (!REGION.test(region)) return fail("region must be a region name, like eu-west-1");
  const [user, password] = [decode(url.username), decode(url.password)];
  if (user === null || password === null) return fail("its credentials have a malformed %-escape");
  if (Boolean(user) !== Boolean(password)) return fail("must give both the access key and the secret (s3://KEY:SECRET@bucket), or neither");
  const credentials = user ? { accessKeyId: user, secretAccessKey: password } : undefined;
  return { kind: "s3", bucket: url.hostname, prefix: normalised, region, endpoint: endpoint?.replace(/\/$/, ""), credentials };
});
