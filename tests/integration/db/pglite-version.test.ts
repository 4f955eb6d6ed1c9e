// A PGlite data dir made by another PostgreSQL major must stop start-up with instructions, not a WASM abort.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { assertPgliteVersion } from "../../../prisma/schema-engine.mjs";

const pgliteDir = path.join(process.env.MYCO_DATA_DIR ?? "", "pglite");

describe.skipIf(Boolean(process.env.DATABASE_URL))("embedded PGlite data dir", () => {
  it("refuses a data dir of another PostgreSQL major and names the way out", async () => {
    fs.mkdirSync(pgliteDir, { recursive: true });
    fs.writeFileSync(path.join(pgliteDir, "PG_VERSION"), "17\n");
    const opening = getDb();
    await expect(opening).rejects.toThrow(/made by PostgreSQL 17, but this Myco embeds PostgreSQL 18/);
    await expect(opening).rejects.toThrow(/delete .*pglite/);
    expect(() => assertPgliteVersion(pgliteDir), "prisma/migrate.mjs refuses it too").toThrow(/PostgreSQL 17/);
  });

  it("opens once the operator has moved the old data dir away", async () => {
    fs.rmSync(pgliteDir, { recursive: true, force: true });
    const db = await getDb();
    expect(await db.user.count()).toBe(0);
    await closeDb();
    // Fails when a PGlite upgrade changes the major: update lib/db and prisma/schema-engine.mjs together.
    expect(fs.readFileSync(path.join(pgliteDir, "PG_VERSION"), "utf8").trim()).toBe("18");
    expect(() => assertPgliteVersion(pgliteDir)).not.toThrow();
  });
});
