import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Validates an operation's own input (callers besides the HTTP layer, such as agent tools, reach these
 * functions too), throwing bad_request that names the first offending field.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, fallbackField: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || fallbackField;
  throw new AppError("bad_request", `${field}: ${issue?.message ?? "is invalid"}`, field);
}
