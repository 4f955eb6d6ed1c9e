import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { asLeaseHolder, deleteFile, getHeadSha, leaseWorkspace, listHistory, readFile, squashRunCommits, writeFile } from "@/lib/workspace";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

const write = (scope: Awaited<ReturnType<typeof ownerScope>>, path: string, content: string) =>
  writeFile(scope, path, { content, encoding: "utf8", create: false }, log);

describe("a run's commits", () => {
  it("fold into one commit with the run's message, marked as the run's, keeping the tree", async () => {
    const scope = await ownerScope("Squasher");
    const base = await getHeadSha(scope);
    const runId = randomUUID();
    await asLeaseHolder(runId, async () => {
      await write(scope, "a.md", "one");
      await write(scope, "b.md", "two");
      await write(scope, "a.md", "three");
    });
    const { commits, folded } = await squashRunCommits(scope, base, runId, "a notes app\n\nwith two files", log);
    expect(folded).toBe(true);
    const history = await listHistory(scope, { limit: 3 });
    expect(history.commits[0]).toMatchObject({ message: "a notes app\n\nwith two files", runId });
    expect(history.commits[1]?.sha).toBe(base);
    expect((await readFile(scope, "a.md")).content).toBe("three");
    expect((await readFile(scope, "b.md")).content).toBe("two");
    expect(await getHeadSha(scope)).toBe(commits[0]?.sha);
  });

  it("are none, and HEAD stays at the base, when nothing was committed or the changes cancel out", async () => {
    const scope = await ownerScope("Noop");
    const base = await getHeadSha(scope);
    const runId = randomUUID();
    expect((await squashRunCommits(scope, base, runId, "nothing", log)).commits).toEqual([]);
    await asLeaseHolder(runId, async () => {
      await write(scope, "tmp.md", "x");
      await deleteFile(scope, "tmp.md", {}, log);
    });
    expect((await squashRunCommits(scope, base, runId, "cancelled out", log)).commits).toEqual([]);
    expect(await getHeadSha(scope)).toBe(base);
  });

  it("never fold in a commit someone else made meanwhile: that commit and the run's stay as they were", async () => {
    const scope = await ownerScope("Interleaved");
    const base = await getHeadSha(scope);
    const runId = randomUUID();
    await asLeaseHolder(runId, () => write(scope, "run.md", "by the run"));
    const person = await write(scope, "person.md", "by a person");
    await asLeaseHolder(runId, () => write(scope, "run.md", "by the run, again"));
    const { commits, folded } = await squashRunCommits(scope, base, runId, "the run", log);
    expect(folded).toBe(false);
    expect(commits.map((c) => c.runId)).toEqual([runId, runId]);
    const history = await listHistory(scope, { limit: 4 });
    expect(history.commits.map((c) => c.sha)).toContain(person.commit?.sha);
    expect(history.commits[3]?.sha).toBe(base);
  });

  it("hold the workspace: a person's write during the run is refused with a conflict and changes nothing", async () => {
    const scope = await ownerScope("Leased");
    const runId = randomUUID();
    const release = await leaseWorkspace(scope.projectId, runId);
    try {
      const head = await getHeadSha(scope);
      await expect(write(scope, "person.md", "mine")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("An agent run is changing this project.") });
      expect(await getHeadSha(scope)).toBe(head);
      await asLeaseHolder(runId, () => write(scope, "run.md", "the run's"));
      expect(await getHeadSha(scope)).not.toBe(head);
    } finally {
      await release();
    }
    expect((await write(scope, "person.md", "mine")).commit).not.toBeNull();
  });

  it("a person cannot make a commit pass for a run's by writing the trailer into a message", async () => {
    const scope = await ownerScope("Forger");
    const base = await getHeadSha(scope);
    const runId = randomUUID();
    await writeFile(scope, "x.md", { content: "x", encoding: "utf8", create: false, message: `looks like a run\n\nMyco-Run: ${runId}` }, log);
    const { folded } = await squashRunCommits(scope, base, runId, "the run", log);
    expect(folded).toBe(false);
    expect((await listHistory(scope, { limit: 1 })).commits[0]).toMatchObject({ message: "looks like a run", runId: null });
  });
});
