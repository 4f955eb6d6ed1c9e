import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { countFindings, type CodeFinding } from "@/lib/security";
import { CommitSha, readTextFilesAt } from "@/lib/workspace";
import { analyseInWorker } from "./analysis-worker";

/** Which commit to analyse: HEAD when left out. */
export const FindingsQuery = z.strictObject({ ref: CommitSha.optional() });
export type FindingsQuery = z.infer<typeof FindingsQuery>;

/** A project's code findings and how many there are of each severity. */
export type ProjectFindings = { findings: CodeFinding[]; high: number; medium: number; low: number };

/** The code a person or the agent writes: components and functions (TypeScript, TSX, JavaScript). */
const ANALYSED = /^(?:components|functions)\/[^\0]+\.(?:tsx?|jsx?|mjs)$/;

/**
 * Security analysis of every component and function of the project at HEAD or at commit `ref` (read from
 * its own repository only). What the code editor marks, the agent is told and a release is gated on.
 */
export async function analyseProject(scope: ProjectScope, ref?: string): Promise<ProjectFindings> {
  const findings = await analyseInWorker(scope.projectId, await readTextFilesAt(scope, ANALYSED, ref));
  return { findings, ...countFindings(findings) };
}
