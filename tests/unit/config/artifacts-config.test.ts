import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "myco-config-"));
const artifacts = (url?: string) => parseConfig({ MYCO_DATA_DIR: dataDir(), MYCO_ARTIFACTS_URL: url }).artifacts;

describe("MYCO_ARTIFACTS_URL", () => {
  it("keeps artifacts in the data folder when unset or empty", () => {
    expect(artifacts()).toEqual({ kind: "local" });
    expect(artifacts("")).toEqual({ kind: "local" });
  });

  it("names a bucket, a key prefix, an endpoint, a region and credentials", () => {
    expect(artifacts("s3://AKIA%2Fkey:s3cr%40t@my-bucket/builds/prod?endpoint=http://minio:9000/&region=eu-west-1")).toEqual({
      kind: "s3", bucket: "my-bucket", prefix: "builds/prod/", region: "eu-west-1", endpoint: "http://minio:9000",
      credentials: { accessKeyId: "AKIA/key", secretAccessKey: "s3cr@t" },
    });
    // AWS itself: no endpoint, the SDK's own credential chain, us-east-1 unless told.
    expect(artifacts("s3://my-bucket")).toEqual({ kind: "s3", bucket: "my-bucket", prefix: "", region: "us-east-1", endpoint: undefined, credentials: undefined });
  });

  it.each([
    ["https://my-bucket/x", "must start with s3://"],
    ["s3://AB/x", "must name a bucket"],
    ["s3://my-bucket/a%2F..%2Fb", "key prefix"],
    ["s3://my-bucket/a%20b", "key prefix"],
    ["s3://my-bucket?endpoint=file:///etc", "endpoint must be an http(s) origin"],
    ["s3://my-bucket?endpoint=http://h/path", "endpoint must be an http(s) origin"],
    ["s3://my-bucket?region=EU WEST", "region must be"],
    ["s3://key@my-bucket", "both the access key and the secret"],
    ["not a url", "must be a URL like s3://"],
    ["s3://my-bucket/a%E0%A4%A", "malformed %-escape"],
    ["s3://k%E0%A4%A:s@my-bucket", "malformed %-escape"],
  ])("stops start-up naming the variable for %s", (url, message) => {
    expect(() => artifacts(url)).toThrow(ConfigError);
    expect(() => artifacts(url)).toThrow(new RegExp(`MYCO_ARTIFACTS_URL: .*${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });
});
