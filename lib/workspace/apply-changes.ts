import { z } from "zod";
import { AppError } from "@/lib/errors";
import { crashPoint, getConfig } from "@/lib/config";
import { assertLockHeld, lockLost } from "@/lib/coordination";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { gitOf, layoutOf, type WorkspaceLayout } from "./layout";
import { withWorkspaceLock } from "./project-lock";
import { WorkspacePath } from "./workspace-path";
import { entryKind, readSafe, removeSafe, writeSafe } from "./safe-fs";
import { commitAll, emitWrite, resetToHead, type CommitInfo, type WorkspaceWrite } from "./commit-info";
import { assertWorkspaceWritable } from "./workspace-lease";

const MAX_CONTENT_CHARS = 96 * 1024 * 1024;
const Content = { content: z.string().max(MAX_CONTENT_CHARS), encoding: z.enum(["utf8", "base64"]).default("utf8") };

// Strict RFC 4648 base64: Buffer.from would skip any character outside the alphabet and accept
// missing padding, so garbage would be stored as some other bytes; canonical means it round-trips.
function isCanonicalBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text) && Buffer.from(text, "base64").toString("base64") === text;
}

/** Refuses base64 content that is not strict base64, naming `content` (within the change, if any). */
export function checkContentEncoding(value: { content: string; encoding: "utf8" | "base64" }, ctx: z.RefinementCtx): void {
  if (value.encoding === "base64" && !isCanonicalBase64(value.content)) {
    ctx.addIssue({ code: "custom", path: ["content"], message: "is not valid base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4)" });
  }
}

/** One change of a change set. */
export const FileChange = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("write"), path: WorkspacePath, ...Content }).superRefine(checkContentEncoding),
  z.strictObject({ op: z.literal("create"), path: WorkspacePath, ...Content }).superRefine(checkContentEncoding),
  z.strictObject({ op: z.literal("delete"), path: WorkspacePath }),
  z.strictObject({ op: z.literal("rename"), from: WorkspacePath, to: WorkspacePath }),
]);
export type FileChange = z.infer<typeof FileChange>;

export const CommitMessage = z.string().trim().min(1, "is required").max(2000, "must be at most 2000 characters");

/** Several changes that land in one commit, or not at all. */
export const ChangeSet = z.strictObject({ message: CommitMessage, changes: z.array(FileChange).min(1).max(200) });
export type ChangeSet = z.infer<typeof ChangeSet>;

/** What a change produced: its commit (null when nothing differed from HEAD) and the paths it touched. */
export type ChangeResult = { commit: CommitInfo | null; paths: string[] };

function decode(change: Extract<FileChange, { content: string }>, index: number): Buffer {
  const data = Buffer.from(change.content, change.encoding);
  const limit = getConfig().maxFileBytes;
  if (data.length > limit) {
    throw new AppError("payload_too_large", `${change.path} is ${data.length} bytes, over the ${limit}-byte limit.`, `changes.${index}.content`);
  }
  return data;
}

async function applyOne(layout: WorkspaceLayout, change: FileChange, data: Buffer | undefined): Promise<void> {
  switch (change.op) {
    case "write":
      return writeSafe(layout, change.path, data ?? Buffer.alloc(0));
    case "create":
      if ((await entryKind(layout, change.path)) !== null) throw new AppError("conflict", `${change.path} already exists.`, "path");
      return writeSafe(layout, change.path, data ?? Buffer.alloc(0));
    case "delete":
      return removeSafe(layout, change.path);
    case "rename": {
      if ((await entryKind(layout, change.to)) !== null) throw new AppError("conflict", `${change.to} already exists.`, "to");
      const bytes = await readSafe(layout, change.from, getConfig().maxFileBytes);
      await writeSafe(layout, change.to, bytes);
      return removeSafe(layout, change.from);
    }
  }
}

// The write listeners (a live preview's rebuild) go first: every await of theirs would otherwise wait on
// the commit's git processes, which take the event loop while they start. An incremental rebuild takes
// 10–30 ms; past this, the commit goes ahead anyway, so a slow first build never holds a write back.
const WRITE_HEAD_START_MS = 100;

async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function writeOf(changes: FileChange[]): WorkspaceWrite {
  const written = changes.flatMap((c) => (c.op === "rename" ? [c.to] : c.op === "delete" ? [] : [c.path]));
  const removed = changes.flatMap((c) => (c.op === "rename" ? [c.from] : c.op === "delete" ? [c.path] : []));
  return { written, removed };
}

/**
 * Applies a change set as one commit authored by the acting user. Every change is validated and decoded
 * before the tree is touched; if any fails midway, the tree is reset to HEAD, so all land or none does.
 */
export async function applyChanges(scope: ProjectScope, input: ChangeSet, log: Logger): Promise<ChangeResult> {
  const decoded = input.changes.map((c, i) => (c.op === "write" || c.op === "create" ? decode(c, i) : undefined));
  return withWorkspaceLock(scope.projectId, async () => {
    await assertWorkspaceWritable(scope);
    const layout = layoutOf(scope.projectId);
    const git = gitOf(layout);
    let commit: CommitInfo | null;
    try {
      for (const [i, change] of input.changes.entries()) {
        assertLockHeld();
        await applyOne(layout, change, decoded[i]);
      }
      crashPoint("workspace.written");
      const live = emitWrite(scope, writeOf(input.changes));
      await settledWithin(live, WRITE_HEAD_START_MS);
      commit = await commitAll(git, scope, input.message, live);
    } catch (err) {
      // A writer that lost its lock leaves the tree to the next holder, who puts it right (the marker).
      if (lockLost()) throw err;
      // On a full or read-only disk the reset fails too; the caller must still hear the first cause.
      await resetToHead(git).catch((resetErr: unknown) => {
        log.warn("workspace.reset_failed", { projectId: scope.projectId, err: resetErr instanceof Error ? resetErr.message : String(resetErr) });
      });
      throw err;
    }
    const paths = input.changes.flatMap((c) => (c.op === "rename" ? [c.from, c.to] : [c.path]));
    log.info("workspace.changed", { projectId: scope.projectId, sha: commit?.sha ?? null, files: paths.length });
    return { commit, paths };
  });
}
