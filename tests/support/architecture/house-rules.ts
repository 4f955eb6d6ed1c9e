import { CLIENT_SAFE_MODULES, MODULE_ORDER, NEXT_MODULES, SEAM_OWNERS } from "@/lib/modules";
import type { ArchitectureRules } from "./check-tree";

/** The rules of ../shared/house-style.md: lib/modules.ts's data and the file size limit. */
export const HOUSE_RULES: ArchitectureRules = {
  moduleOrder: MODULE_ORDER,
  seamOwners: SEAM_OWNERS,
  clientSafeModules: CLIENT_SAFE_MODULES,
  nextModules: NEXT_MODULES,
  maxLines: 300,
};

/**
 * Problems with the module order a document states: it must give it once, as one code span, exactly as
 * lib/modules.ts does (`a → b → c`).
 */
export function checkOrderLine(markdown: string, order: readonly string[]): string[] {
  const expected = order.join(" → ");
  // Code spans in order, each from an opening backtick to its closing one; those with arrows state an order.
  const stated = [...markdown.matchAll(/`([^`\n]*)`/g)].map((m) => m[1] ?? "").filter((span) => span.includes("→"));
  if (stated.length !== 1) return [`states a module order ${stated.length} times; state it once, as \`${expected}\``];
  return stated[0] === expected ? [] : [`states \`${stated[0]}\`; lib/modules.ts says \`${expected}\``];
}
