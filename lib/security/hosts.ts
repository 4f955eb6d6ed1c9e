import { getConfig } from "@/lib/config";
import { ENV_NAMES, type EnvName } from "@/lib/sdui";

/** Which side of Myco a request's Host names: the IDE, one project's app (and environment), or neither. */
export type HostKind =
  | { kind: "ide" }
  | { kind: "app"; slug: string; env: EnvName }
  | { kind: "unknown" };

// App labels are "<slug>" or "<slug>--<env>"; project slugs may not contain "--", so this cannot clash.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const ENVS = new Set<string>(ENV_NAMES);

function patternParts(): { prefix: string; suffix: string } {
  const host = new URL(getConfig().appsUrlPattern.replace("{slug}", "slug")).host;
  const [prefix = "", suffix = ""] = host.split("slug");
  return { prefix, suffix };
}

/**
 * Classifies a Host header exactly: only the IDE's host and hosts of the MYCO_APPS_URL pattern are
 * served (anything else is refused, which also defeats DNS rebinding). An app's bare label serves dev
 * (the workspace HEAD); `<slug>--staging` and `<slug>--prod` serve what is deployed there.
 */
export function classifyHost(hostHeader: string | null): HostKind {
  const host = (hostHeader ?? "").toLowerCase();
  if (host === getConfig().ideUrl.host) return { kind: "ide" };
  const { prefix, suffix } = patternParts();
  if (!host.startsWith(prefix) || !host.endsWith(suffix)) return { kind: "unknown" };
  const [slug = "", env = "dev", ...rest] = host.slice(prefix.length, host.length - suffix.length).split("--");
  if (rest.length > 0 || !SLUG.test(slug) || !ENVS.has(env)) return { kind: "unknown" };
  return { kind: "app", slug, env: env as EnvName };
}

/** The origin serving one environment of an app. */
export function appOrigin(slug: string, env: EnvName = "dev"): string {
  const label = env === "dev" ? slug : `${slug}--${env}`;
  return new URL(getConfig().appsUrlPattern.replace("{slug}", label)).origin;
}
