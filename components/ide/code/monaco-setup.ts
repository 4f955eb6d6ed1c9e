"use client";

import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { api } from "@/components/ui/api-client";

// Monaco and its workers come from the local monaco-editor package through the bundler, never a CDN.
self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    switch (label) {
      case "typescript":
      case "javascript":
        return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), { type: "module" });
      case "json":
        return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
      case "css":
        return new Worker(new URL("monaco-editor/language/css/css.worker.js", import.meta.url), { type: "module" });
      default:
        return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    }
  },
};
loader.config({ monaco });

monaco.typescript.typescriptDefaults.setCompilerOptions({
  jsx: monaco.typescript.JsxEmit.ReactJSX,
  target: monaco.typescript.ScriptTarget.ESNext,
  module: monaco.typescript.ModuleKind.ESNext,
  allowNonTsExtensions: true,
  strict: true,
});
// The browser has no types for the app's packages: syntax is checked here, the rest by Myco's own build.
monaco.typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

let schemaLoaded = false;
/** Wires app.json to the blueprint's JSON Schema (completion and errors while typing), once. */
export function loadBlueprintSchema(): void {
  if (schemaLoaded) return;
  schemaLoaded = true;
  void api("GET", "/api/sdui/schema.json").then((result) => {
    const schema = result.ok ? result.data : null;
    if (!schema) return;
    const uri = `${window.location.origin}/api/sdui/schema.json`;
    monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: true, enableSchemaRequest: false, schemaValidation: "error", schemas: [{ uri, fileMatch: ["app.json", "**/app.json"], schema }] });
  });
}

export { monaco };
