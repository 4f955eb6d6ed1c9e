import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { MAX_ANALYSED_BYTES, countFindings, type CodeFinding } from "@/lib/security";
import { CommitSha, readTextFilesAt } from "@/lib/workspace";
import { analyseInWorker } from "./analysis-worker";

/** Which commit to analyse: HEAD when left out. */
export const FindingsQuery = z.strictObject({ ref: CommitSha.optional() });
export type FindingsQuery = z.infer<typeof FindingsQuery>;

/** A project's code findings and how many there are of each severity. */
export type ProjectFindings = { findings: CodeFinding[]; high: number; medium: number; low: number };

/**
 * Every file the bundler would compile as code, in any folder: components and functions may import
 * the project's other modules, so all of them are analysed.
 */
const ANALYSED = /\.(?:tsx?|jsx?|mjs)$/;
/** One analysis reads at most this much; what is past it is a not-analysed finding, never silently skipped. */
const LIMITS = { maxFileBytes: MAX_ANALYSED_BYTES, maxFiles: 2_000, maxTotalBytes: 24 * 1024 * 1024 };

/**
 * Security analysis of every code file of the project at HEAD or at commit `ref` (read from its own
 * repository only). What the code editor marks, the agent is told and a release is gated on; `capped`
 * (a person asking) may be refused while that project already has analyses waiting.
 */
export async function analyseProject(scope: ProjectScope, options: { ref?: string; capped?: boolean } = {}): Promise<ProjectFindings> {
  const load = () => readTextFilesAt(scope, ANALYSED, LIMITS, options.ref);
  const findings = await analyseInWorker(scope.projectId, load, { capped: options.capped ?? false });
  return { findings, ...countFindings(findings) };
}
