// TypeScript over a project's functions and components, with a compiler host jailed to the workspace's
// own files, TypeScript's standard library and React's declarations: tenant code names paths, and no
// path it names may reach any other file of the server.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { ProjectScope } from "@/lib/auth";
import { FUNCTION_FILE, COMPONENT_FILE } from "@/lib/bundler";
import { listFiles, readFile } from "@/lib/workspace";

// TypeScript's own libs sit next to it; React's declarations and csstype in the same node_modules.
const ROOT = "/workspace";
const MAX_PROBLEMS = 30;
const TS_LIB_DIR = path.dirname(ts.getDefaultLibFilePath({}));
const NODE_MODULES = path.resolve(TS_LIB_DIR, "..", "..");
const REACT_DIR = path.join(NODE_MODULES, "@types", "react");
const CSSTYPE = path.join(NODE_MODULES, "csstype", "index.d.ts");

// What a component may import from Myco, declared for the checker (the real SDK is bundled by esbuild).
const SDK_TYPES = `declare module "@myco/sdk" {
  export type JsonResource<T> = { data: T | undefined; error: string | undefined; loading: boolean; refresh: () => void };
  export type CallOptions = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; args?: Record<string, unknown>; path?: string; signal?: AbortSignal };
  export function callFunction<T = unknown>(name: string, options?: CallOptions): Promise<T>;
  export function navigate(to: string): void;
  export function useFunctionData<T = unknown>(name: string, args?: Record<string, unknown>): JsonResource<T>;
}
`;

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  // Untyped parameters are common in functions people and models write; wrong types are not.
  noImplicitAny: false,
  noEmit: true,
  skipLibCheck: true,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  typeRoots: [],
  noResolve: false,
};

// The declaration files outside the workspace the checker may read: its own libs and React's types.
function allowedOutside(file: string): boolean {
  const real = path.resolve(file);
  return real.startsWith(`${TS_LIB_DIR}${path.sep}`) || real.startsWith(`${REACT_DIR}${path.sep}`) || real === CSSTYPE;
}

function hostFor(files: Map<string, string>): ts.CompilerHost {
  const base = ts.createCompilerHost(OPTIONS);
  const read = (file: string) => files.get(file) ?? (allowedOutside(file) ? fs.readFileSync(file, "utf8") : undefined);
  return {
    ...base,
    getCurrentDirectory: () => ROOT,
    getDefaultLibLocation: () => TS_LIB_DIR,
    getDefaultLibFileName: (o) => path.join(TS_LIB_DIR, ts.getDefaultLibFileName(o)),
    fileExists: (file) => files.has(file) || (allowedOutside(file) && fs.existsSync(file)),
    readFile: read,
    directoryExists: (dir) => dir === ROOT || [...files.keys()].some((f) => f.startsWith(`${dir}/`)) || (allowedOutside(`${dir}/x`) && fs.existsSync(dir)),
    getDirectories: () => [],
    realpath: (file) => file,
    getSourceFile: (file, languageVersion) => {
      const text = read(file);
      return text === undefined ? undefined : ts.createSourceFile(file, text, languageVersion, true);
    },
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((literal) => {
        const name = literal.text;
        if (name === "react" || name === "react/jsx-runtime" || name === "react-dom" || name === "react-dom/client") {
          const file = name === "react/jsx-runtime" ? path.join(REACT_DIR, "jsx-runtime.d.ts") : path.join(REACT_DIR, "index.d.ts");
          return { resolvedModule: { resolvedFileName: file, extension: ts.Extension.Dts, isExternalLibraryImport: true } };
        }
        if (name === "csstype") return { resolvedModule: { resolvedFileName: CSSTYPE, extension: ts.Extension.Dts, isExternalLibraryImport: true } };
        if (!name.startsWith(".")) return { resolvedModule: undefined };
        const target = path.posix.resolve(path.posix.dirname(containingFile), name);
        // React's declarations import each other; they are the only files outside the workspace resolved.
        const declaration = [`${target}.d.ts`, `${target}/index.d.ts`].find((f) => allowedOutside(f) && fs.existsSync(f));
        if (declaration) return { resolvedModule: { resolvedFileName: declaration, extension: ts.Extension.Dts, isExternalLibraryImport: true } };
        const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => `${target}${ext}`).find((f) => files.has(f));
        return { resolvedModule: found ? { resolvedFileName: found, extension: found.endsWith(".tsx") ? ts.Extension.Tsx : ts.Extension.Ts } : undefined };
      }),
  };
}

// Packages the project installs are checked by esbuild's build, not here: they read as untyped modules.
const UNTYPED_PACKAGES = 'declare module "*";\n';

/** TypeScript's errors in the project's functions and components, as "functions/x.ts:12:5 error TS2322: …". */
export async function typeCheck(scope: ProjectScope): Promise<string[]> {
  const paths = (await listFiles(scope)).map((f) => f.path).filter((p) => FUNCTION_FILE.test(p) || COMPONENT_FILE.test(p) || /^(?:functions|components|lib)\/.*\.tsx?$/.test(p));
  if (paths.length === 0) return [];
  const files = new Map<string, string>();
  for (const p of paths) {
    const file = await readFile(scope, p);
    if (file.encoding === "utf8") files.set(`${ROOT}/${p}`, file.content);
  }
  files.set(`${ROOT}/.myco/sdk.d.ts`, SDK_TYPES);
  files.set(`${ROOT}/.myco/packages.d.ts`, UNTYPED_PACKAGES);
  const roots = [...files.keys()].filter((f) => FUNCTION_FILE.test(f.slice(ROOT.length + 1)) || COMPONENT_FILE.test(f.slice(ROOT.length + 1)) || f.startsWith(`${ROOT}/.myco/`));
  const program = ts.createProgram({ rootNames: roots, options: OPTIONS, host: hostFor(files) });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter((d) => d.file?.fileName.startsWith(`${ROOT}/`));
  return diagnostics.slice(0, MAX_PROBLEMS).map((d) => {
    const file = d.file as ts.SourceFile;
    const { line, character } = file.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${file.fileName.slice(ROOT.length + 1)}:${line + 1}:${character + 1} error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 500)}`;
  });
}
