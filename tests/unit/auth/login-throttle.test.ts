import { describe, expect, it } from "vitest";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "@/lib/auth/login-throttle";

describe("login throttle", () => {
  it("allows ten failures, refuses the eleventh attempt, and forgets after fifteen minutes", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 9; i++) recordLoginFailure("a@example.test", t0);
    expect(() => assertLoginAllowed("a@example.test", t0)).not.toThrow();
    recordLoginFailure("a@example.test", t0);
    expect(() => assertLoginAllowed("a@example.test", t0 + 1000)).toThrow(expect.objectContaining({ code: "rate_limited", retryAfterSeconds: 899 }));
    expect(() => assertLoginAllowed("b@example.test", t0)).not.toThrow();
    expect(() => assertLoginAllowed("a@example.test", t0 + 15 * 60_000)).not.toThrow();
  });

  it("forgets an account's failures when it signs in", () => {
    for (let i = 0; i < 10; i++) recordLoginFailure("c@example.test");
    clearLoginFailures("c@example.test");
    expect(() => assertLoginAllowed("c@example.test")).not.toThrow();
  });
});
