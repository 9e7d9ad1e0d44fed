import type { Bilingual } from "../kernel/problems";

/** What a violated constraint means to the person who sent the request. */
export interface ConstraintMeaning {
  /** The field of the request the constraint is about (`login`, `memberId`, …). */
  field: string;
  /** What happened, in words a user understands. */
  message: Bilingual;
  /** The rule to name in the problem (default: `unique`, `exists` or `storable` by the kind of violation). */
  rule?: string;
}

const registry = new Map<string, ConstraintMeaning>();

/**
 * Declares, next to a table, what a unique or foreign-key constraint means to a user. When the
 * database refuses a write because of it (two requests racing past a check, an id that does not
 * exist), `problemFromDatabaseError` answers with this field and message instead of a 500.
 *
 * @example
 * declareConstraint("accounts_login_unique", {
 *   field: "login",
 *   message: { de: "Dieser Anmeldename ist bereits vergeben.", en: "This login is already taken." },
 * });
 */
export function declareConstraint(name: string, meaning: ConstraintMeaning): void {
  registry.set(name, meaning);
}

/** The declared meaning of a constraint, when one was declared. */
export function constraintMeaning(name: string | undefined): ConstraintMeaning | undefined {
  return name ? registry.get(name) : undefined;
}
