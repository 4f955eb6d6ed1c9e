import { describe, expect, it } from "vitest";
import { buildInvokeRequest, parseHeaders, parseQuery } from "@/components/ide/functions/invoke-request";
import { filterLines, linesOf } from "@/components/ide/functions/log-filter";
import type { Invocation, LogLine } from "@/components/ide/functions/functions-api";

const draft = { method: "POST", path: "/todos", query: "", headers: "", body: "" };

describe("the invoke console's request", () => {
  it("sends method, path, query, headers and the parsed JSON body", () => {
    const built = buildInvokeRequest({ ...draft, query: "?name=Ada&limit=10", headers: "X-Trace: 42\n\nAccept:  application/json ", body: '{"title":"Buy milk"}' });
    expect(built).toEqual({
      ok: true,
      request: { method: "POST", path: "/todos", query: { name: "Ada", limit: "10" }, headers: { "x-trace": "42", accept: "application/json" }, body: { title: "Buy milk" } },
    });
  });

  it("leaves the body out when the field is empty and defaults the path to /", () => {
    expect(buildInvokeRequest({ ...draft, path: "  " })).toEqual({ ok: true, request: { method: "POST", path: "/", query: {}, headers: {} } });
  });

  it("names the body as at fault, with the parser's reason, before anything is sent", () => {
    const built = buildInvokeRequest({ ...draft, body: "{ title: 1 }" });
    expect(built).toMatchObject({ ok: false, field: "body", message: expect.stringMatching(/^The body is not valid JSON: /) });
  });

  it("names the first header line that is not Name: value", () => {
    expect(() => parseHeaders("a: 1\nno colon here")).toThrow('Line 2 is not "Name: value".');
    expect(buildInvokeRequest({ ...draft, headers: ": value" })).toMatchObject({ ok: false, field: "headers" });
  });

  it("refuses an unknown method and a path without a leading slash", () => {
    expect(buildInvokeRequest({ ...draft, method: "TRACE" })).toMatchObject({ ok: false, field: "method" });
    expect(buildInvokeRequest({ ...draft, path: "todos" })).toMatchObject({ ok: false, field: "path" });
  });

  it("keeps the last value of a repeated query key, as /_fn does", () => {
    expect(parseQuery("a=1&a=2&b=%20x")).toEqual({ a: "2", b: " x" });
  });
});

describe("the live log's level filter", () => {
  const line = (level: LogLine["level"], message: string): LogLine => ({ level, message, time: 0 });
  const lines = [line("debug", "d"), line("log", "l"), line("info", "i"), line("warn", "w"), line("error", "e")];

  it("shows a level and those more severe", () => {
    expect(filterLines(lines, "all").map((l) => l.message)).toEqual(["d", "l", "i", "w", "e"]);
    expect(filterLines(lines, "info").map((l) => l.message)).toEqual(["l", "i", "w", "e"]);
    expect(filterLines(lines, "warn").map((l) => l.message)).toEqual(["w", "e"]);
    expect(filterLines(lines, "error").map((l) => l.message)).toEqual(["e"]);
  });

  it("shows a failed invocation's error as an error line after its output", () => {
    const invocation = { logs: [line("log", "start")], errorCode: "timeout", errorMessage: "wall time over 10000 ms", createdAt: "2026-01-01T00:00:00.000Z", durationMs: 5 } as Invocation;
    expect(linesOf(invocation).map((l) => [l.level, l.message])).toEqual([["log", "start"], ["error", "timeout: wall time over 10000 ms"]]);
    expect(filterLines(linesOf(invocation), "error")).toHaveLength(1);
  });
});
