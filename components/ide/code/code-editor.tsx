"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { languageOf, type BuildProblem } from "./code-api";
import { loadBlueprintSchema, monaco } from "./monaco-setup";

/** The URI of a workspace file's model: one model per file, so each keeps its own undo history. */
export const modelUri = (path: string) => monaco.Uri.file(path);

type Props = {
  path: string;
  value: string;
  readOnly: boolean;
  problems: readonly BuildProblem[];
  onChange: (value: string) => void;
  onSave: () => void;
};

/** Monaco on one workspace file; Ctrl/Cmd+S saves; the build's problems are markers on their lines. */
export default function CodeEditor({ path, value, readOnly, problems, onChange, onSave }: Props) {
  const saveRef = useRef(onSave);
  useEffect(() => {
    saveRef.current = onSave;
  }, [onSave]);
  useEffect(loadBlueprintSchema, []);
  useEffect(() => {
    for (const model of monaco.editor.getModels()) {
      const file = model.uri.path.replace(/^\//, "");
      const markers = problems
        .filter((p) => p.file === file)
        .map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          startLineNumber: Math.max(1, p.line),
          startColumn: Math.max(1, p.column),
          endLineNumber: Math.max(1, p.line),
          endColumn: model.getLineMaxColumn(Math.min(Math.max(1, p.line), model.getLineCount())),
          source: "Myco build",
        }));
      monaco.editor.setModelMarkers(model, "myco-build", markers);
    }
  }, [problems, path]);
  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
  };
  return (
    <Editor
      path={modelUri(path).toString()}
      value={value}
      language={languageOf(path)}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      options={{ readOnly, minimap: { enabled: false }, fontSize: 13, automaticLayout: true, scrollBeyondLastLine: false, tabSize: 2 }}
      loading={<p className="muted">Loading the editor…</p>}
    />
  );
}
