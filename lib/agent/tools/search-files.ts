import { z } from "zod";
import { searchFiles } from "@/lib/workspace";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";

/** search_files: case-insensitive text search of the workspace, as path:line: text. */
export function searchFilesTool(session: ToolSession) {
  return defineTool({
    name: "search_files",
    readOnly: true,
    description: "Search every text file for a fixed string (case-insensitive); answers path:line: text per match.",
    input: z.strictObject({
      query: z.string().min(1).max(200),
      limit: z.number().int().min(1).max(200).optional().describe("most matches to return (default 50)"),
    }),
    async run({ query, limit }) {
      const { matches, truncated } = await searchFiles(session.scope, { q: query, limit: limit ?? 50 });
      if (matches.length === 0) return `No matches for "${query}".`;
      const lines = matches.map((m) => `${m.path}:${m.line}: ${m.text}`);
      if (truncated) lines.push("… more matches; narrow the query or raise limit.");
      return lines.join("\n");
    },
  });
}
