import { describe, expect, it } from "vitest";
import { splitStatements } from "@/lib/tenant-db/split-statements";
import { tokenizeSql } from "@/lib/tenant-db/tokenize-sql";

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe("tokenizeSql", () => {
  it("unescapes strings and every kind of quoted name", () => {
    const tokens = tokenizeSql(`'it''s' "a""b" \`c\`\`d\` [e"f] x'00ff' 1.5e3 ?2 :name`);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ["string", "it's"],
      ["quoted", 'a"b'],
      ["quoted", "c`d"],
      ["quoted", 'e"f'],
      ["blob", "00ff"],
      ["number", "1.5e3"],
      ["param", "?2"],
      ["param", ":name"],
    ]);
  });

  it("drops comments, keeping what follows a line comment", () => {
    expect(tokenizeSql("a -- b; c\n d /* e; */ f").map((t) => t.value)).toEqual(["a", "d", "f"]);
  });

  it("reads non-ASCII characters as part of a name, as SQLite does", () => {
    expect(tokenizeSql("tàble\u00a0x").map((t) => [t.kind, t.value])).toEqual([["word", "tàble\u00a0x"]]);
  });
});

describe("splitStatements", () => {
  it("splits at ; outside strings, names and comments", () => {
    expect(texts(`CREATE TABLE "a;b"(x DEFAULT ';'); -- ; here\n/* ; */ DROP TABLE [c;d];`)).toEqual([
      `CREATE TABLE "a;b"(x DEFAULT ';')`,
      "DROP TABLE [c;d]",
    ]);
  });

  it("keeps a trigger body, CASE … END included, in one statement", () => {
    const sql = `CREATE TRIGGER t AFTER INSERT ON a BEGIN
      UPDATE a SET x = CASE WHEN NEW.x > 0 THEN 1 ELSE 0 END;
      DELETE FROM b;
    END; DROP TABLE c`;
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.number)).toEqual([1, 2]);
    expect(statements[0]?.text).toMatch(/^CREATE TRIGGER[\s\S]*DELETE FROM b;\s+END$/);
    expect(statements[1]?.text).toBe("DROP TABLE c");
  });

  it("ignores empty statements", () => {
    expect(texts(";;  ; CREATE TABLE a(x);;")).toEqual(["CREATE TABLE a(x)"]);
  });
});
