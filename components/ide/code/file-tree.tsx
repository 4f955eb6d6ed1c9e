"use client";

import { useState, type DragEvent, type FormEvent } from "react";
import type { FileEntry } from "./code-api";

type Folder = { name: string; path: string; folders: Folder[]; files: FileEntry[] };

function treeOf(files: readonly FileEntry[]): Folder {
  const root: Folder = { name: "", path: "", folders: [], files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      const path = folder.path ? `${folder.path}/${part}` : part;
      let next = folder.folders.find((f) => f.name === part);
      if (!next) folder.folders.push((next = { name: part, path, folders: [], files: [] }));
      folder = next;
    }
    folder.files.push(file);
  }
  return root;
}

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

type Props = {
  files: readonly FileEntry[];
  active: string | null;
  dirty: ReadonlySet<string>;
  canEdit: boolean;
  onOpen: (path: string) => void;
  onCreate: (path: string) => Promise<string | null>;
  onRename: (from: string, to: string) => Promise<string | null>;
  onDelete: (path: string) => Promise<string | null>;
};

/** The workspace's files as folders; editors create, rename, delete, and drag a file onto a folder to move it. */
export function FileTree({ files, active, dirty, canEdit, onOpen, onCreate, onRename, onDelete }: Props) {
  const [editing, setEditing] = useState<{ kind: "create" } | { kind: "rename"; path: string } | { kind: "delete"; path: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  async function settle(result: Promise<string | null>) {
    const problem = await result;
    setError(problem);
    if (!problem) setEditing(null);
  }
  function submitName(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    if (!editing || !name) return;
    if (editing.kind === "create") void settle(onCreate(name));
    if (editing.kind === "rename" && name !== editing.path) void settle(onRename(editing.path, name));
  }
  function onDrop(event: DragEvent<HTMLElement>, folder: string) {
    event.preventDefault();
    setDropTarget(null);
    const from = event.dataTransfer.getData("text/x-myco-path");
    const to = folder ? `${folder}/${baseName(from)}` : baseName(from);
    if (from && to !== from) void settle(onRename(from, to));
  }
  const dropProps = (folder: string) =>
    canEdit
      ? {
          onDragOver: (e: DragEvent<HTMLElement>) => {
            e.preventDefault();
            setDropTarget(folder);
          },
          onDragLeave: () => setDropTarget(null),
          onDrop: (e: DragEvent<HTMLElement>) => onDrop(e, folder),
        }
      : {};

  const nameForm = (initial: string, label: string) => (
    <form className="tree-name" onSubmit={submitName}>
      <input name="name" aria-label={label} defaultValue={initial} autoFocus onKeyDown={(e) => e.key === "Escape" && setEditing(null)} />
      <button type="submit">{editing?.kind === "create" ? "Create" : "Rename"}</button>
    </form>
  );

  function renderFolder(folder: Folder) {
    return (
      <ul role="group" className="tree-list">
        {folder.folders.map((f) => (
          <li key={f.path} className={dropTarget === f.path ? "tree-drop" : undefined} {...dropProps(f.path)}>
            <details open>
              <summary>{f.name}/</summary>
              {renderFolder(f)}
            </details>
          </li>
        ))}
        {folder.files.map((file) => (
          <li key={file.path}>
            {editing?.kind === "rename" && editing.path === file.path ? (
              nameForm(file.path, `New path for ${file.path}`)
            ) : (
              <div className="tree-file" draggable={canEdit} onDragStart={(e) => e.dataTransfer.setData("text/x-myco-path", file.path)}>
                <button type="button" className="tree-open" aria-current={active === file.path ? "true" : undefined} onClick={() => onOpen(file.path)}>
                  {baseName(file.path)}
                  {dirty.has(file.path) && <span aria-label="unsaved"> ●</span>}
                </button>
                {canEdit && (
                  <span className="tree-actions">
                    <button type="button" className="link-button" aria-label={`Rename ${file.path}`} onClick={() => setEditing({ kind: "rename", path: file.path })}>Rename</button>
                    <button type="button" className="link-button" aria-label={`Delete ${file.path}`} onClick={() => setEditing({ kind: "delete", path: file.path })}>Delete</button>
                  </span>
                )}
              </div>
            )}
            {editing?.kind === "delete" && editing.path === file.path && (
              <div className="tree-confirm" role="group" aria-label={`Delete ${file.path}?`}>
                <span>Delete {file.path}? It stays in History.</span>
                <button type="button" className="danger" onClick={() => void settle(onDelete(file.path))}>Delete</button>
                <button type="button" className="secondary" onClick={() => setEditing(null)}>Cancel</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="file-tree" role="region" aria-label="Files" {...dropProps("")}>
      {canEdit && (
        <div className="tree-bar">
          <button type="button" className="secondary" onClick={() => setEditing({ kind: "create" })}>New file</button>
        </div>
      )}
      {editing?.kind === "create" && nameForm("components/", "New file path")}
      {error && <p role="alert" className="form-error">{error}</p>}
      {files.length === 0 ? <p className="muted">No files yet.</p> : renderFolder(treeOf(files))}
    </div>
  );
}
