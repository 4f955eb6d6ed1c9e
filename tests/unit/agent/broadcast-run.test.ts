// What a run's watchers are sent must fit one message between nodes (7,800 bytes with the wrapper):
// an event is cut where it is long and kept whole where it is small.
import { describe, expect, it } from "vitest";
import { fit } from "@/lib/agent/run/broadcast-run";

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe("fit, an event made to fit one message", () => {
  it("leaves an event that fits as it is", () => {
    const event = { id: "call_1", name: "read_file", arguments: '{"path":"app.json"}' };
    expect(fit(event)).toBe(event);
  });

  it("cuts a long list, and keeps the outcome's small fields whole", () => {
    const files = Array.from({ length: 400 }, (_, i) => `components/Component${i}WithALongName.tsx`);
    const done = { reason: "completed", summary: "Added 400 components.", commitSha: "a".repeat(40), filesChanged: files, usage: { promptTokens: 1, completionTokens: 2 } };
    const fitted = fit(done) as typeof done & { truncated: boolean };
    expect(bytes(fitted)).toBeLessThanOrEqual(6_000);
    expect(fitted).toMatchObject({ reason: "completed", summary: "Added 400 components.", commitSha: "a".repeat(40), truncated: true });
    expect(fitted.filesChanged).toEqual(files.slice(0, 50));
  });

  it("cuts long text by its bytes: many-byte characters and JSON escapes keep most of the room", () => {
    for (const text of ["é".repeat(10_000), '"'.repeat(9_000), "\u0001".repeat(5_000), "😀".repeat(3_000), "x".repeat(20_000)]) {
      const fitted = fit({ id: "call_1", name: "write_file", arguments: text }) as { id: string; arguments: string; truncated: boolean };
      expect(bytes(fitted)).toBeLessThanOrEqual(6_000);
      expect(bytes(fitted)).toBeGreaterThan(5_000);
      expect(fitted).toMatchObject({ id: "call_1", name: "write_file", truncated: true });
      expect(fitted.arguments.endsWith("…")).toBe(true);
      expect(text.startsWith(fitted.arguments.slice(0, -1))).toBe(true); // a start of the text, no half of a pair
    }
  });

  it("when no text field is long, keeps only the small fields", () => {
    const event = { id: "call_1", ok: true, blob: "x".repeat(10_000), files: ["a.ts"] };
    const fitted = fit(event);
    expect(fitted).toEqual({ id: "call_1", ok: true, files: ["a.ts"], truncated: true });
  });
});
