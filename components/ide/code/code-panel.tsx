"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { PanelProps } from "../workspace/types";
import { checkBuild, deleteFile, listFiles, listFindings, renameFile, workspacePathOf, writeFile, type BuildProblem, type CodeFinding, type FileEntry } from "./code-api";
import { FileTree } from "./file-tree";
import { SearchPanel } from "./search-panel";
import { useOpenFiles } from "./use-open-files";

// Monaco touches `window` when it loads: never on the server, and only once the Code tab opens.
const CodeEditor = dynamic(() => import("./code-editor"), { ssr: false, loading: () => <p className="muted">Loading the editor…</p> });

type Status = { tone: "info" | "ok" | "error"; text: string } | null;

/** The Code tab: the file tree (or search), open files as tabs, Monaco, save → commit → preview updated. */
export function CodePanel({ project, path, navigate, head }: PanelProps) {
  const [tree, setTree] = useState<FileEntry[] | { error: string } | null>(null);
  const [side, setSide] = useState<"files" | "search">("files");
  const [problems, setProblems] = useState<BuildProblem[]>([]);
  const [findings, setFindings] = useState<CodeFinding[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [closing, setClosing] = useState<string | null>(null);
  const open = useOpenFiles(project.id);
  const active = workspacePathOf(path);
  const current = open.files.find((f) => f.path === active) ?? null;
  const dirty = new Set(open.files.filter((f) => f.value !== f.saved).map((f) => f.path));
  const reloadOpen = useRef(open.reload);
  useEffect(() => {
    reloadOpen.current = open.reload;
  });

  const loadTree = useCallback(async () => {
    const result = await listFiles(project.id);
    setTree(result.ok ? result.data : { error: result.error.message });
  }, [project.id]);
  const loadProblems = useCallback(async () => {
    if (!project.canEdit) return;
    const result = await checkBuild(project.id);
    if (result.ok) setProblems(result.data.problems);
  }, [project.id, project.canEdit]);
  const loadFindings = useCallback(async () => {
    const result = await listFindings(project.id);
    if (result.ok) setFindings(result.data.findings);
  }, [project.id]);

  // A new HEAD (from any writer, a save included) reloads the tree, the build's problems, the security
  // findings and every open file without unsaved changes.
  useEffect(() => {
    void loadTree();
    void loadProblems();
    void loadFindings();
    void reloadOpen.current();
  }, [head, loadTree, loadProblems, loadFindings]);
  const { open: openFile } = open;
  useEffect(() => {
    if (active) void openFile(active);
  }, [active, openFile]);
  useEffect(() => {
    if (dirty.size === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty.size]);

  const show = (file: string) => navigate(file.split("/"));
  async function save(typed?: string) {
    const text = typed ?? current?.value;
    if (!current || text === undefined || text === current.saved || !project.canEdit) return;
    if (typed !== undefined) open.edit(current.path, typed);
    setStatus({ tone: "info", text: `Saving ${current.path}…` });
    const result = await writeFile(project.id, current.path, text);
    if (!result.ok) return setStatus({ tone: "error", text: `Not saved: ${result.error.message} Your changes are still here.` });
    open.markSaved(current.path, text);
    setStatus({ tone: "ok", text: `Saved ${current.path}; the preview updates.` });
  }
  async function act(result: Promise<{ ok: boolean; error?: { message: string } }>, after: () => void): Promise<string | null> {
    const answer = await result;
    if (!answer.ok) return answer.error?.message ?? "That did not work.";
    after();
    await loadTree();
    return null;
  }
  function closeTab(file: string) {
    if (dirty.has(file) && closing !== file) return setClosing(file);
    setClosing(null);
    open.close(file);
    if (file === active) {
      const next = open.files.find((f) => f.path !== file);
      navigate(next ? next.path.split("/") : []);
    }
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "f") {
      event.preventDefault();
      setSide("search");
    }
  }

  return (
    <div className="code-panel" onKeyDown={onKeyDown}>
      <div className="code-side">
        <div className="code-side-switch" role="group" aria-label="Sidebar">
          <button type="button" className="secondary" aria-pressed={side === "files"} onClick={() => setSide("files")}>Files</button>
          <button type="button" className="secondary" aria-pressed={side === "search"} onClick={() => setSide("search")} title="Search (Ctrl+Shift+F)">Search</button>
        </div>
        {side === "search" ? (
          <SearchPanel projectId={project.id} onOpen={(file) => show(file)} />
        ) : tree === null ? (
          <p className="muted">Loading files…</p>
        ) : "error" in tree ? (
          <p role="alert" className="form-error">{tree.error}</p>
        ) : (
          <FileTree
            files={tree}
            active={active}
            dirty={dirty}
            canEdit={project.canEdit}
            onOpen={show}
            onCreate={(file) => act(writeFile(project.id, file, "", true), () => show(file))}
            onRename={(from, to) => act(renameFile(project.id, from, to), () => { open.moved(from, to); if (from === active) show(to); })}
            onDelete={(file) => act(deleteFile(project.id, file), () => { open.close(file); if (file === active) navigate([]); })}
          />
        )}
      </div>
      <div className="code-main">
        <div className="code-tabs" role="list" aria-label="Open files">
          {open.files.map((f) => (
            <div key={f.path} role="listitem" className="code-tab" aria-current={f.path === active ? "true" : undefined}>
              <button type="button" className="link-button" onClick={() => show(f.path)}>
                {f.path.slice(f.path.lastIndexOf("/") + 1)}
                {dirty.has(f.path) && <span aria-label="unsaved changes"> ●</span>}
              </button>
              <button type="button" className="link-button" aria-label={closing === f.path ? `Discard changes to ${f.path}` : `Close ${f.path}`} onClick={() => closeTab(f.path)}>
                {closing === f.path ? "Discard?" : "×"}
              </button>
            </div>
          ))}
        </div>
        {open.error && <p role="alert" className="form-error">{open.error}</p>}
        <div className="code-editor">
          {current === null ? (
            <p className="muted code-empty">{open.files.length === 0 ? "Open a file from the tree, or search with Ctrl+Shift+F." : "Pick an open file."}</p>
          ) : current.isBinary ? (
            <p className="muted code-empty">{current.path} is a binary file.</p>
          ) : (
            <CodeEditor path={current.path} value={current.value} saved={current.saved} readOnly={!project.canEdit} problems={problems} findings={findings} onChange={(v) => open.edit(current.path, v)} onSave={(text) => void save(text)} />
          )}
        </div>
        <div className="code-status">
          {project.canEdit && current && !current.isBinary && (
            <button type="button" onClick={() => void save()} disabled={current.value === current.saved} title="Save (Ctrl+S)">Save</button>
          )}
          {status && <span role={status.tone === "error" ? "alert" : "status"} className={status.tone === "error" ? "form-error" : "muted"}>{status.text}</span>}
          <span className="muted code-problems" data-testid="build-problems">{problems.length === 0 ? "Builds cleanly" : `${problems.length} build ${problems.length === 1 ? "problem" : "problems"}`}</span>
          {findings.length > 0 && <span className="muted code-problems" data-testid="security-findings">{`${findings.length} security ${findings.length === 1 ? "finding" : "findings"}`}</span>}
        </div>
      </div>
    </div>
  );
}
