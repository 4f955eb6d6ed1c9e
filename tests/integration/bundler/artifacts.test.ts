import { describe, expect, it } from "vitest";
import { putArtifact, readArtifact } from "@/lib/bundler";

describe("artifacts", () => {
  it("store the same bytes from many concurrent builds without a failed rename", async () => {
    const bytes = new TextEncoder().encode(`export default ${Date.now()};`);
    const stored = await Promise.all(Array.from({ length: 25 }, () => putArtifact("mfe", "js", bytes)));
    expect(new Set(stored.map((a) => a.key)).size).toBe(1);
    expect((await readArtifact(stored[0]?.key ?? ""))?.equals(Buffer.from(bytes))).toBe(true);
  });
});
