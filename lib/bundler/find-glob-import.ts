import * as esbuild from "esbuild";

/** A glob import found in a file: its argument as esbuild prints it, and the line it is likely on. */
export type GlobImport = { text: string; line: number };

// import() or require() of a template with a substitution, or of a string joined with "+", that starts
// with "./" or "../": what esbuild's parser turns into a glob (js_parser.go, handleGlobPattern). It runs
// on esbuild's printing, where every template and string is closed, so it backtracks only within one.
const GLOB_CALL = /(?<![\w$.])(?:import|require)\((`\.\.?\/(?:\\.|[^`\\])*?\$\{(?:\\.|[^`\\])*`|(["'])\.\.?\/(?:\\.|(?!\2)[^\\])*\2\+[^)]*)/;

// The index past spaces and comments from `i`, or -1 inside a comment that never ends.
function skipSpace(source: string, i: number): number {
  for (let at = i; ; ) {
    if (/\s/.test(source.charAt(at))) at += 1;
    else if (source.startsWith("/*", at)) {
      const end = source.indexOf("*/", at + 2);
      if (end < 0) return -1;
      at = end + 2;
    } else if (source.startsWith("//", at)) {
      const end = source.indexOf("\n", at + 2);
      at = end < 0 ? source.length : end + 1;
    } else return at;
  }
}

// Where the source calls import or require: past spaces, comments and parentheses, an argument that
// starts with a literal "./" or "../" (`literal`), or any argument. -1 if nowhere. One pass in linear
// time whatever the source (no regular expression that could backtrack over it): the search resumes
// after whatever it skipped, and a comment that never ends counts as a call (the file will not parse).
function findCall(source: string, literal: boolean): number {
  const word = /import|require/g;
  for (let m = word.exec(source); m; m = word.exec(source)) {
    let at = skipSpace(source, m.index + m[0].length);
    if (at < 0) return m.index;
    if (source.charAt(at) === "(" && !literal) return m.index;
    while (at >= 0 && source.charAt(at) === "(") at = skipSpace(source, at + 1);
    if (at < 0 || (literal && /^[`"']\.\.?\//.test(source.slice(at, at + 4)))) return m.index;
    word.lastIndex = Math.max(word.lastIndex, at);
  }
  return -1;
}

/**
 * The first glob import of a JavaScript or TypeScript file, if any. esbuild resolves a glob by listing
 * folders itself, before any plugin can refuse what it finds, so a build refuses the file first and no
 * folder is listed. The search runs on esbuild's own printing of the file (constants folded, comments
 * gone, strings in one spelling), so that other spellings of the same call are found too; only a file
 * that calls import or require, or has a \u escape (which can spell "require"), is printed. A file
 * that does not parse has nothing to find: its build fails on the syntax error first.
 */
export async function findGlobImport(source: string, loader: "ts" | "tsx" | "js" | "jsx"): Promise<GlobImport | null> {
  if (!source.includes("\\u") && findCall(source, false) < 0) return null;
  const printed = await esbuild
    .transform(source, { loader, minifySyntax: true, minifyWhitespace: true, target: "es2022", logLevel: "silent", tsconfigRaw: {} })
    .then((r) => r.code, () => "");
  const found = GLOB_CALL.exec(printed);
  if (!found) return null;
  const start = Math.max(findCall(source, true), 0);
  return { text: (found[1] ?? "").slice(0, 200), line: source.slice(0, start).split("\n").length };
}
