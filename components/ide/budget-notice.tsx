"use client";

import { useEffect, useState } from "react";
import { api } from "@/components/ui/api-client";
import type { Budgets, BudgetView } from "@/lib/agent";

function line(whose: string, budget: BudgetView): string | null {
  const resets = budget.resetsAt.slice(0, 10);
  const percent = Math.round((budget.share ?? 0) * 100);
  if (budget.exhausted) return `${whose} monthly AI budget is spent (${percent} %): new runs start again on ${resets}.`;
  if (budget.warning) return `${whose} monthly AI budget is ${percent} % used; it resets on ${resets}.`;
  return null;
}

/**
 * A warning above the prompt box once the project's or the user's monthly token budget passes 80 %, and
 * a plain statement once it is spent; read again after each run (`runsFinished` changes).
 */
export function BudgetNotice({ projectId, runsFinished }: { projectId: string; runsFinished: number }) {
  const [budgets, setBudgets] = useState<Budgets | null>(null);
  useEffect(() => {
    let live = true;
    void api("GET", "/api/projects/{projectId}/ai-budget", { params: { projectId } }).then((r) => live && r.ok && setBudgets(r.data));
    return () => {
      live = false;
    };
  }, [projectId, runsFinished]);
  if (!budgets) return null;
  const lines = [line("This project's", budgets.project), line("Your", budgets.user)].filter((l): l is string => l !== null);
  if (lines.length === 0) return null;
  return (
    <p className="ide-banner" role="status" data-testid="budget-notice">
      {lines.join(" ")}
    </p>
  );
}
