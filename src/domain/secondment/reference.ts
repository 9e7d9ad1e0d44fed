/**
 * The short reference of a secondment that both administrations see (on the secondment's page and
 * on every statement line): "A-3F2C9B1E", the first eight hexadecimal digits of its id. It names no
 * person, so two secondments with the same period and tasks are told apart on a statement without
 * one. Eight digits are 4,3 billion values: two secondments of one statement share one only by a
 * chance of about n² / 8,6 billion (n secondments of the pair) — the id itself stays the key.
 */
export function secondmentReference(id: string): string {
  return `A-${id.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}
