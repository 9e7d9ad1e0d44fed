/**
 * Short text for one line (a task's title, a statement's line): white space becomes single spaces;
 * text longer than `max` characters ends at the last whole word with " …" — never in the middle of
 * a word ("Fälle in SORMAS pfle"). A single word longer than the limit is cut as is.
 *
 * @example
 * ```ts
 * shortenAtWord("Kontaktpersonen ermitteln und anrufen", 30); // "Kontaktpersonen ermitteln und …"
 * ```
 */
export function shortenAtWord(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  if (chars.length <= max) return chars.join("");
  const head = chars.slice(0, max).join("");
  // Cut before the word the limit falls into.
  const cut = chars[max] === " " ? head : head.slice(0, Math.max(head.lastIndexOf(" "), 0)) || head;
  return `${cut.replace(/[\s,;:.–-]+$/, "")} …`;
}
