// The TypeScript check of one project, in a process of its own (forked by type-check.ts): a tenant's
// types can take the compiler minutes or gigabytes, and that must cost only this process, which is
// killed at its deadline. Its compiler host reads only the files it was sent, TypeScript's own libs and
// React's declarations: no path tenant code names reaches any other file of the server.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = "/workspace";
const MAX_PROBLEMS = 30;
// TypeScript's own libs sit next to it; React's declarations and csstype in the same node_modules.
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
// Packages the project installs are checked by esbuild's build, not here: they read as untyped modules.
const UNTYPED_PACKAGES = 'declare module "*";\n';

const OPTIONS = {
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
};

// The declaration files outside the workspace the checker may read: its own libs and React's types.
function allowedOutside(file) {
  const real = path.resolve(file);
  return real.startsWith(`${TS_LIB_DIR}${path.sep}`) || real.startsWith(`${REACT_DIR}${path.sep}`) || real === CSSTYPE;
}

const dts = (file) => ({ resolvedModule: { resolvedFileName: file, extension: ts.Extension.Dts, isExternalLibraryImport: true } });

function hostFor(files) {
  const base = ts.createCompilerHost(OPTIONS);
  const read = (file) => files.get(file) ?? (allowedOutside(file) && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
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
        if (name === "react" || name === "react-dom" || name === "react-dom/client") return dts(path.join(REACT_DIR, "index.d.ts"));
        if (name === "react/jsx-runtime") return dts(path.join(REACT_DIR, "jsx-runtime.d.ts"));
        if (name === "csstype") return dts(CSSTYPE);
        if (!name.startsWith(".")) return { resolvedModule: undefined };
        const target = path.posix.resolve(path.posix.dirname(containingFile), name);
        // React's declarations import each other; they are the only files outside the workspace resolved.
        const declaration = [`${target}.d.ts`, `${target}/index.d.ts`].find((f) => allowedOutside(f) && fs.existsSync(f));
        if (declaration) return dts(declaration);
        const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => `${target}${ext}`).find((f) => files.has(f));
        return { resolvedModule: found ? { resolvedFileName: found, extension: found.endsWith(".tsx") ? ts.Extension.Tsx : ts.Extension.Ts } : undefined };
      }),
  };
}

/** TypeScript's errors in `roots` (workspace paths), given every workspace source file by path. */
function check(sources, roots) {
  const files = new Map(Object.entries(sources).map(([p, text]) => [`${ROOT}/${p}`, text]));
  files.set(`${ROOT}/.myco/sdk.d.ts`, SDK_TYPES);
  files.set(`${ROOT}/.myco/packages.d.ts`, UNTYPED_PACKAGES);
  const rootNames = [...roots.map((p) => `${ROOT}/${p}`), `${ROOT}/.myco/sdk.d.ts`, `${ROOT}/.myco/packages.d.ts`];
  const program = ts.createProgram({ rootNames, options: OPTIONS, host: hostFor(files) });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter((d) => d.file?.fileName.startsWith(`${ROOT}/`));
  return diagnostics.slice(0, MAX_PROBLEMS).map((d) => {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${d.file.fileName.slice(ROOT.length + 1)}:${line + 1}:${character + 1} error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 500)}`;
  });
}

process.on("message", (message) => {
  try {
    process.send({ problems: check(message.sources, message.roots) }, () => process.exit(0));
  } catch (err) {
    process.send({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(0));
  }
});
