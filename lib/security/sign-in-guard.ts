import type { SignInGuard } from "@/lib/auth";
import { assertLimitNotSpent, clearLimit, countAgainstLimit, enforceLimit, limitWaitSeconds } from "./platform-limits";

// Past the per-account limit every attempt waits this long instead of being refused: guessing from many
// addresses slows to a crawl, and the owner can still sign in.
const SPENT_ACCOUNT_DELAY_MS = 2_000;

/**
 * The password-guessing limits around one sign-in attempt. Per client address: all attempts, and wrong
 * passwords per account (refused when spent). Per account from every address: wrong passwords only
 * slow attempts down, so a stranger can never lock the owner out.
 */
export function signInGuard(email: string, address: string): SignInGuard {
  const pair = `${address}|${email}`;
  return {
    async before() {
      await enforceLimit("signInAttempts", address);
      await assertLimitNotSpent("wrongPasswords", pair, "password");
      if ((await limitWaitSeconds("wrongPasswordsPerAccount", email)) > 0) {
        await new Promise((resolve) => setTimeout(resolve, SPENT_ACCOUNT_DELAY_MS));
      }
    },
    async failed() {
      await countAgainstLimit("wrongPasswords", pair);
      await countAgainstLimit("wrongPasswordsPerAccount", email);
    },
    succeeded: () => clearLimit("wrongPasswords", pair),
  };
}
