/**
 * The `Prefer` request header (RFC 7240): the value of one preference, or null when the client did
 * not state it. Preferences are separated by commas (outside quoted strings), each `name[=value]`
 * (a token or a quoted string) with `;`-parameters after it; names are case-insensitive, and of a
 * preference named more than once only the first counts (§ 2). Several header lines are one list.
 */
export function preferenceOf(header: string | string[] | undefined, name: string): string | null {
  for (const element of listElements([header ?? ""].flat().join(","))) {
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]*)))?\s*(?:;|$)/.exec(element);
    if (!m || m[1].toLowerCase() !== name.toLowerCase()) continue;
    return m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return null;
}

/** The elements of a comma-separated header list, a comma inside a quoted string not counting (one pass). */
function listElements(list: string): string[] {
  const elements: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      elements.push(list.slice(start, i));
      start = i + 1;
    }
  }
  elements.push(list.slice(start));
  return elements.filter((e) => e.trim() !== "");
}

/** Whether the client asked for the short answer: `Prefer: return=minimal` (the first `return` preference decides). */
export function prefersMinimal(header: string | string[] | undefined): boolean {
  return preferenceOf(header, "return")?.toLowerCase() === "minimal";
}
