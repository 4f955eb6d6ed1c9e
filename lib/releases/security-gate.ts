import type { ProjectScope } from "@/lib/auth";
import { analyseProject } from "@/lib/bundler";
import { AppError } from "@/lib/errors";

/** What a release's audit event records when an owner released despite high-severity findings. */
export type SecurityOverride = { high: number; findings: string[] };

const LISTED_FINDINGS = 5;

/** An owner may override the gate; anyone else asking to is refused before anything is built. */
export function assertMayOverride(scope: ProjectScope, overrideSecurity: boolean | undefined): void {
  if (overrideSecurity && scope.role !== "owner") {
    throw new AppError("forbidden", "Only a project owner may release despite security findings.", "overrideSecurity");
  }
}

/**
 * The security gate of a release: the code of commit `head` (already built) is analysed, and any
 * high-severity finding refuses the release unless an owner overrides it (then the override is returned
 * for the audit event). Medium and low findings never block.
 */
export async function gateReleaseSecurity(scope: ProjectScope, head: string, overrideSecurity: boolean | undefined): Promise<SecurityOverride | undefined> {
  const { findings, high } = await analyseProject(scope, { ref: head });
  if (high === 0) return undefined;
  const listed = findings.filter((f) => f.severity === "high").slice(0, LISTED_FINDINGS).map((f) => `${f.path}:${f.line} ${f.rule}`);
  if (!overrideSecurity) {
    const more = high > LISTED_FINDINGS ? ` (and ${high - LISTED_FINDINGS} more)` : "";
    throw new AppError(
      "conflict",
      `No release: ${high} high-severity security finding${high === 1 ? "" : "s"}: ${listed.join("; ")}${more}. Fix them, or an owner may release anyway (overrideSecurity).`,
      "overrideSecurity",
    );
  }
  return { high, findings: listed };
}
