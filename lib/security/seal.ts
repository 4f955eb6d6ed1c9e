import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";

const VERSION = "v1";

/**
 * Encrypts a value at rest with AES-256-GCM under MYCO_SECRETS_KEY. `context` (e.g. "<projectId>:<name>")
 * is authenticated data: a ciphertext copied to another project or name does not open.
 * Format: "v1:<iv>:<tag>:<ciphertext>", each part base64.
 */
export function sealText(context: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", getConfig().secretsKey, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64"))).join(":");
}

/** Decrypts what sealText made with the same context; throws on any other context, key or tampering. */
export function openSealed(context: string, stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error("sealed value has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", getConfig().secretsKey, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
