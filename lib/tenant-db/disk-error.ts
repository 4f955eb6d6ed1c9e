import fs from "node:fs";
import { faultError, storeOf } from "@/lib/storage";

/**
 * SQLite reports a folder it cannot write as "unable to open database file" or "attempt to write a
 * readonly database", with no errno: when the database's folder is indeed not writable, that is the
 * store's fault (503 naming it), not a bug. Any other error is returned as it is.
 */
export function diskErrorOf(err: unknown, dir: string): unknown {
  const code = err instanceof Error && "code" in err ? String(err.code) : "";
  if (!/^SQLITE_(READONLY|CANTOPEN|IOERR)/.test(code)) return err;
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return err;
  } catch (denied) {
    const errno = (denied as NodeJS.ErrnoException).code ?? "EACCES";
    return faultError({ kind: errno === "EROFS" ? "read_only" : "denied", store: storeOf("tenants"), errno, path: dir });
  }
}
