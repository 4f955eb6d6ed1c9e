"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { languageOf, type BuildProblem, type CodeFinding } from "./code-api";
import { loadBlueprintSchema, monaco } from "./monaco-setup";

/** The URI of a workspace file's model: one model per file, so each keeps its own undo history. */
export const modelUri = (path: string) => monaco.Uri.file(path);

type Props = {
  path: string;
  /** The text a model starts from, once per file; afterwards the model holds what is typed. */
  value: string;
  /** HEAD's text: when it moves (a save, or another writer's commit on a clean file) the model takes it. */
  saved: string;
  readOnly: boolean;
  problems: readonly BuildProblem[];
  /** Security findings of the project at HEAD; the open file's become markers. */
  findings: readonly CodeFinding[];
  onChange: (value: string) => void;
  /** Called with the editor's own text: React state may lag the last keystroke by a render. */
  onSave: (text: string) => void;
};

const SEVERITY = { high: monaco.MarkerSeverity.Error, medium: monaco.MarkerSeverity.Warning, low: monaco.MarkerSeverity.Info } as const;

/** Each open model's security findings as markers of their own owner, beside the build's. */
function markFindings(findings: readonly CodeFinding[]): void {
  for (const model of monaco.editor.getModels()) {
    const file = model.uri.path.replace(/^\//, "");
    const lines = model.getLineCount();
    const markers = findings
      .filter((f) => f.path === file)
      .map((f) => ({
        severity: SEVERITY[f.severity],
        message: f.message,
        code: f.rule,
        startLineNumber: Math.min(Math.max(1, f.line), lines),
        startColumn: Math.max(1, f.column),
        endLineNumber: Math.min(Math.max(1, f.endLine), lines),
        endColumn: Math.max(1, f.endColumn),
        source: "Myco security",
      }));
    monaco.editor.setModelMarkers(model, "myco-security", markers);
  }
}

/** Monaco on one workspace file; Ctrl/Cmd+S saves; the build's problems and security findings are markers on their lines. */
export default function CodeEditor({ path, value, saved, readOnly, problems, findings, onChange, onSave }: Props) {
  const saveRef = useRef(onSave);
  useEffect(() => {
    saveRef.current = onSave;
  }, [onSave]);
  useEffect(loadBlueprintSchema, []);
  // Uncontrolled: a controlled value can lag a keystroke by a render and reset the model (and cursor).
  // When HEAD's text moves, a model still holding the old HEAD text (nothing typed) takes the new one;
  // one with typing in it keeps it (a save that returns while typing goes on must not undo the typing).
  const lastSaved = useRef({ path, saved });
  useEffect(() => {
    const previous = lastSaved.current;
    lastSaved.current = { path, saved };
    const model = monaco.editor.getModel(modelUri(path));
    if (!model || previous.path !== path || model.getValue() !== previous.saved || previous.saved === saved) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: saved }], () => null);
  }, [path, saved]);
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
  const findingsRef = useRef(findings);
  useEffect(() => {
    findingsRef.current = findings;
    markFindings(findings);
  }, [findings, path]);
  const onMount: OnMount = (editor) => {
    // The model of a file opened after the findings loaded exists only now.
    markFindings(findingsRef.current);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current(editor.getValue()));
  };
  return (
    <Editor
      path={modelUri(path).toString()}
      defaultValue={value}
      language={languageOf(path)}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      options={{ readOnly, minimap: { enabled: false }, fontSize: 13, automaticLayout: true, scrollBeyondLastLine: false, tabSize: 2 }}
      loading={<p className="muted">Loading the editor…</p>}
    />
  );
}
