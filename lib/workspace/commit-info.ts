import { EventEmitter, on } from "node:events";
import type { SimpleGit } from "simple-git";
import { getDb, recordAuditNow } from "@/lib/db";
import { processWide } from "@/lib/config";
import { log } from "@/lib/log";
import { assertLockHeld, onResync, publish, subscribe } from "@/lib/coordination";
import type { ProjectScope } from "@/lib/auth";
import { currentLeaseHolder } from "./workspace-lease";

/** A commit as the API shows it; `runId` names the agent run that made it, if one did. */
export type CommitInfo = { sha: string; message: string; authorName: string; authorEmail: string; date: string; runId: string | null };

const FIELD = "\x1f";
const RECORD = "\x1e";
/** The trailer that marks a commit an agent run made (the run's id). */
export const RUN_TRAILER = "Myco-Run";
/** git log/show format matching parseCommits. */
export const COMMIT_FORMAT = `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%(trailers:key=${RUN_TRAILER},valueonly,separator=)${FIELD}%B${RECORD}`;

/** Parses output made with COMMIT_FORMAT. */
export function parseCommits(output: string): CommitInfo[] {
  return output
    .split(RECORD)
    .map((r) => r.replace(/^\n+/, ""))
    .filter((r) => r.includes(FIELD))
    .map((r) => {
      const [sha = "", authorName = "", authorEmail = "", date = "", runId = "", body = ""] = r.split(FIELD);
      const message = body.replace(new RegExp(`\\n*^${RUN_TRAILER}: .*$`, "m"), "").trim();
      return { sha, authorName, authorEmail, date, message, runId: runId.trim() || null };
    });
}

/** "Name <email>" of the acting user, for --author; characters git would misread are dropped. */
export async function authorOf(scope: ProjectScope): Promise<string> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: scope.userId }, select: { name: true, email: true } });
  const clean = (s: string) => s.replace(/[<>\n\r\0]/g, "").trim();
  return user ? `${clean(user.name) || "Unknown"} <${clean(user.email)}>` : "Unknown <unknown@myco.invalid>";
}

// HEAD of each workspace, known without asking git: every commit goes through commitAll, in this
// process or on another node, which says so at once (builds are cached per HEAD, and a git spawn per
// request would cost more than the build). Another node's commit only makes this one forget: its
// message may arrive after a newer commit of this node's. A node that may have missed messages forgets
// them all. Each forgetting moves the project's epoch on, so a HEAD read from git before it is not kept.
const heads = processWide("workspace.heads", () => ({ known: new Map<string, string>(), epoch: new Map<string, number>() }));

function forgetHead(projectId: string): void {
  heads.known.delete(projectId);
  heads.epoch.set(projectId, (heads.epoch.get(projectId) ?? 0) + 1);
}

onResync(() => [...heads.known.keys()].forEach(forgetHead));
subscribe("workspace.head", (data, origin) => {
  if (origin === "remote") forgetHead((data as { projectId: string }).projectId);
});

/** The remembered HEAD of a project, if this process has seen it, and the epoch to remember a read under. */
export function knownHead(projectId: string): { sha: string | undefined; epoch: number } {
  return { sha: heads.known.get(projectId), epoch: heads.epoch.get(projectId) ?? 0 };
}

/** Remembers a HEAD read from git, unless the project's HEAD was forgotten since `epoch`. */
export function rememberReadHead(projectId: string, sha: string, epoch: number): void {
  if ((heads.epoch.get(projectId) ?? 0) === epoch) heads.known.set(projectId, sha);
}

/** Remembers (or, with undefined, forgets) a project's HEAD. */
export function rememberHead(projectId: string, sha: string | undefined): void {
  if (sha) heads.known.set(projectId, sha);
  else forgetHead(projectId);
}

type CommitListener = (scope: ProjectScope, sha: string) => Promise<unknown>;
/** The files a change set put on disk (written or created) and took off it (deleted, renamed away). */
export type WorkspaceWrite = { written: string[]; removed: string[] };
/** Resolves true when the listener showed every written file live, so a preview needs no reload for them. */
type WriteListener = (scope: ProjectScope, write: WorkspaceWrite) => Promise<boolean>;
const listeners: CommitListener[] = [];
const writeListeners: WriteListener[] = [];
const inFlight = new Map<string, Set<Promise<unknown>>>();
// Per project: a commit whose listeners' work (its builds) has settled, so a watcher reloads onto it.
const settled = new EventEmitter().setMaxListeners(0);

/** A commit whose builds settled; `hot` when write listeners showed all its files live beforehand. */
export type SettledCommit = { sha: string; hot: boolean };

/**
 * Calls `listener` after every commit this process makes (builds start before anyone asks). Its work is
 * tracked per project until it settles, so that deleting a workspace waits for it (settleCommitWork).
 */
export function onWorkspaceCommit(listener: CommitListener): void {
  listeners.push(listener);
}

/**
 * Calls `listener` once a change set's files are on disk, before they are committed (a live preview
 * need not wait for git); the commit starts when it is done or after a short head start, whichever
 * comes first. The commit may still fail and put the tree back; its work is tracked like a commit
 * listener's, and the commit that follows settles (is announced) only after it.
 */
export function onWorkspaceWrite(listener: WriteListener): void {
  writeListeners.push(listener);
}

// A listener logs its own failures; a throw must not stop the commit or the other listeners.
function track<T>(projectId: string, started: Promise<T>, fallback: T): Promise<T> {
  const running = inFlight.get(projectId) ?? new Set();
  inFlight.set(projectId, running);
  const work = started.catch(() => fallback);
  running.add(work);
  void work.finally(() => {
    running.delete(work);
    if (running.size === 0 && inFlight.get(projectId) === running) inFlight.delete(projectId);
  });
  return work;
}

/** Runs the write listeners; true only if there is one and every one showed the files live. */
export function emitWrite(scope: ProjectScope, write: WorkspaceWrite): Promise<boolean> {
  // Started at once, ahead of the commit's git processes: a live preview is what someone waits for.
  const works = writeListeners.map((listener) => track(scope.projectId, new Promise<boolean>((resolve) => resolve(listener(scope, write))), false));
  return Promise.all(works).then((live) => live.length > 0 && live.every(Boolean));
}

type CommitMessage = SettledCommit & { projectId: string };

// Every node's watchers hear of a commit once its builds settled (they are on shared storage).
subscribe("workspace.commit", (data, origin) => {
  const { projectId, sha, hot } = data as CommitMessage;
  if (origin === "remote") forgetHead(projectId);
  settled.emit(projectId, { sha, hot } satisfies SettledCommit);
});

function emitCommit(scope: ProjectScope, sha: string, live: Promise<boolean>): void {
  const works = listeners.map((listener) => track(scope.projectId, Promise.resolve().then(() => listener(scope, sha)), undefined));
  void Promise.all([live, ...works]).then(([hot]) => publish("workspace.commit", { projectId: scope.projectId, sha, hot } satisfies CommitMessage));
}

/**
 * Every commit of the project from now on, made by any node (listening starts at the call, not at the
 * first read), each once its builds have settled, until `signal` aborts.
 */
export function watchCommits(projectId: string, signal: AbortSignal): AsyncGenerator<SettledCommit> {
  const events = on(settled, projectId, { signal });
  return (async function* () {
    try {
      for await (const [commit] of events) yield commit as SettledCommit;
    } catch (err) {
      if (!(err instanceof Error && err.name === "AbortError")) throw err;
    }
  })();
}

const pendingWork = (projectId?: string): Promise<unknown>[] =>
  projectId === undefined ? [...inFlight.values()].flatMap((work) => [...work]) : [...(inFlight.get(projectId) ?? [])];

/** Resolves once the work every commit listener started for the project (or, without one, any project) has settled. */
export async function settleCommitWork(projectId?: string): Promise<void> {
  for (let work = pendingWork(projectId); work.length > 0; work = pendingWork(projectId)) await Promise.all(work);
}

/** The paths a commit changes, from `git status --porcelain` before it ("M path", "R old -> new"), at most 50. */
function changedPaths(porcelain: string): string[] {
  return porcelain.split("\n").filter((line) => line.trim() !== "").slice(0, 50).map((line) => `${line.slice(0, 2).trim()} ${line.slice(3)}`.slice(0, 300));
}

/**
 * Stages everything and commits it as the acting user, marked with the agent run it runs as (if any);
 * null when the tree already matches HEAD. `live` is what the write listeners made of these files.
 */
export async function commitAll(git: SimpleGit, scope: ProjectScope, message: string, live = Promise.resolve(false)): Promise<CommitInfo | null> {
  assertLockHeld();
  await git.raw(["add", "--all"]);
  const status = await git.raw(["status", "--porcelain"]);
  if (status.trim() === "") return null;
  const runId = currentLeaseHolder();
  const trailer = runId ? [`--trailer=${RUN_TRAILER}: ${runId}`] : [];
  // Only the platform marks a commit as a run's: a person's message cannot claim to be one.
  const text = message.replace(new RegExp(`^${RUN_TRAILER}:.*$`, "gim"), "").trim() || "Update";
  // "--opt=value": a name or message starting with "-" stays a value; simple-git's argument check
  // would otherwise take "-c…" or "--upload-pack…" in a user's name for an option and refuse the commit.
  await git.raw(["commit", "--quiet", "--no-verify", `--author=${await authorOf(scope)}`, `--message=${text}`, ...trailer]);
  const head = await headCommit(git);
  rememberHead(scope.projectId, head.sha);
  publish("workspace.head", { projectId: scope.projectId });
  emitCommit(scope, head.sha, live);
  // The commit has landed: a registry that cannot take the event is logged, not turned into a failed write.
  const event = { sha: head.sha, message: text.slice(0, 200), runId: runId ?? null, files: changedPaths(status) };
  await recordAuditNow({ projectId: scope.projectId, actorId: scope.userId }, "files.committed", event).catch((err: unknown) => {
    log.error("audit.write_failed", { projectId: scope.projectId, action: "files.committed", sha: head.sha }, err);
  });
  return head;
}

/** The commit HEAD points at. */
export async function headCommit(git: SimpleGit): Promise<CommitInfo> {
  const [head] = parseCommits(await git.raw(["show", "--no-patch", COMMIT_FORMAT, "HEAD"]));
  if (!head) throw new Error("workspace has no HEAD commit");
  return head;
}

/** Puts the tree and index back exactly as HEAD has them. */
export async function resetToHead(git: SimpleGit): Promise<void> {
  await git.raw(["reset", "--quiet", "--hard", "HEAD"]);
  await git.raw(["clean", "--quiet", "-d", "--force"]);
}
