import { describe, expect, it } from "vitest";
import { findUnstorableText, isJsonDeeperThan, parseJsonText, printableText, textProblem } from "@/lib/security";

describe("unstorable text", () => {
  it("is a NUL or an unpaired surrogate; paired surrogates (emoji) are text", () => {
    expect(textProblem("a\u0000b")).toContain("NUL");
    expect(textProblem("a\ud800")).toContain("surrogate");
    expect(textProblem("\udc00a")).toContain("surrogate");
    expect(textProblem("\udc00\ud800")).toContain("surrogate");
    expect(textProblem("a😀b\u200b")).toBeUndefined();
  });

  it("is found anywhere in a value, keys included, with its path", () => {
    expect(findUnstorableText({ changes: [{ path: "ok" }, { path: "a\u0000" }] })).toMatchObject({ path: ["changes", "1", "path"] });
    expect(findUnstorableText({ headers: { "x\ud800": "v" } })).toMatchObject({ path: ["headers", "x\ud800"], problem: expect.stringContaining("key") });
    expect(findUnstorableText({ a: ["fine", 1, null, { b: true }] })).toBeNull();
    expect(printableText("x\ud800\u0000😀")).toBe("x\ufffd\ufffd😀");
  });

  it("is found without recursion, however deep the value", () => {
    let deep: unknown = "a\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path).toHaveLength(100_000);
  });
});

describe("JSON depth", () => {
  it("counts brackets outside strings only, escaped quotes included", () => {
    expect(isJsonDeeperThan("[[[]]]", 3)).toBe(false);
    expect(isJsonDeeperThan("[[[[]]]]", 3)).toBe(true);
    expect(isJsonDeeperThan(JSON.stringify({ s: "[[[[[[\\\"{{{{" }), 1)).toBe(false);
    expect(isJsonDeeperThan(`${"[".repeat(1_000_000)}`, 64)).toBe(true);
  });

  it("refuses a body over 64 levels, invalid JSON and unstorable strings, naming the field", () => {
    expect(parseJsonText(`${"[".repeat(64)}${"]".repeat(64)}`)).toBeInstanceOf(Array);
    const cases: [string, string][] = [
      [`${"[".repeat(65)}${"]".repeat(65)}`, "body"],
      ['{"a":', "body"],
      ['{"changes":[{"path":"a\\u0000"}]}', "changes.0.path"],
      ['{"a\\ud800":1}', "a\ufffd"],
      ['"\\u0000"', "body"],
    ];
    for (const [text, field] of cases) expect(() => parseJsonText(text)).toThrow(expect.objectContaining({ code: "bad_request", field }));
  });
});
