import { randomBytes } from "node:crypto";
import { z } from "zod";

// A slug is a DNS label of the app's origin ({slug}.apps.…), so it follows DNS label rules, kept short.
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

// Labels that would read as the platform's own hosts.
const RESERVED = new Set(["www", "api", "app", "apps", "admin", "auth", "ide", "static", "assets", "cdn", "mail", "myco"]);

/** A project slug as given by a user. */
export const Slug = z
  .string()
  .regex(SLUG_PATTERN, "must be 1-40 lowercase letters, digits or inner hyphens")
  .refine((s) => !RESERVED.has(s) && !s.includes("--"), "is reserved or contains '--'");

/** A slug derived from a project name; never empty, never reserved. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return base && Slug.safeParse(base).success ? base : `app-${randomSuffix()}`;
}

/** Four random base-36 characters, to make a taken slug unique. */
export function randomSuffix(): string {
  return randomBytes(4).readUInt32BE(0).toString(36).slice(-4).padStart(4, "0");
}
