"use client";

import { DiffEditor } from "@monaco-editor/react";
import { languageOf } from "./code-api";
import "./monaco-setup";

type Props = { path: string; before: string; after: string };

/** Monaco's side-by-side diff of one file (inline on a narrow screen), read-only. */
export default function DiffView({ path, before, after }: Props) {
  return (
    <DiffEditor
      original={before}
      modified={after}
      language={languageOf(path)}
      options={{ readOnly: true, originalEditable: false, renderSideBySide: true, useInlineViewWhenSpaceIsLimited: true, minimap: { enabled: false }, automaticLayout: true, scrollBeyondLastLine: false, fontSize: 13 }}
      loading={<p className="muted">Loading the diff…</p>}
    />
  );
}
