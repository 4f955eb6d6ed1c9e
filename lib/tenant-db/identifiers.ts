// Names that reach SQL text. Tenant names are allowlisted, then always double-quoted: quoting alone
// would let `a";ATTACH …` through if a caller ever forgot the allowlist.

/** A tenant-chosen table, column, index, view or trigger name. */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

// sqlite_* belongs to SQLite, _myco_* to the platform (the migrations ledger), pragma_* are the
// table-valued PRAGMA functions (pragma_database_list reveals host paths). Lower case.
export const RESERVED_PREFIXES: readonly string[] = ["sqlite_", "_myco_", "pragma_"];

/** True for a name SQLite or Myco keeps for itself, in any letter case. */
export function isReservedName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_PREFIXES.some((p) => lower.startsWith(p));
}

/** Why `name` may not be used as a tenant identifier, or undefined when it may. */
export function identifierProblem(name: string): string | undefined {
  if (!IDENTIFIER_PATTERN.test(name)) {
    return `"${name.slice(0, 80)}" is not a valid name (letters, digits and _, starting with a letter or _, at most 63)`;
  }
  if (isReservedName(name)) return `"${name}" uses a reserved prefix (sqlite_, _myco_, pragma_)`;
  return undefined;
}

/** A double-quoted SQL identifier; only ever called on names that passed identifierProblem(). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
