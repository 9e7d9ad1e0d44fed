/**
 * The changes of an audit entry in words: each field that `before` and `after` differ in, as a
 * sentence with its German and English name and its values written out ("Status: genehmigt → beim
 * Personalrat", "Beginn: 1. November 2026"). The names and kinds of the fields are `FIELDS` in
 * `audit-words.ts`.
 */
import type { Bilingual } from "../../kernel/problems";
import { longDate, TIME_ZONE } from "../../kernel/dates";
import type { auditEvents } from "./audit.tables";
import { FIELDS, joined, roleName, type ValueKind } from "./audit-words";

const w = (de: string, en: string): Bilingual => ({ de, en });

/** A `before`/`after` of an entry as a record (anything else: no fields). */
export const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const writtenDateTime = (locale: string) =>
  new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  });
const longDateTime = { de: writtenDateTime("de-DE"), en: writtenDateTime("en-GB") };

/** A calendar date written out: "1. November 2026" / "1 November 2026"; what is no date, as it is. */
export function writtenDate(iso: string): Bilingual {
  if (Number.isNaN(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`))) return w(iso, iso);
  return w(longDate(iso, "de"), longDate(iso, "en"));
}

/** A field's value in words; null when it says nothing (a hidden field). */
export function valueWords(kind: ValueKind, value: unknown): Bilingual | null {
  if (kind.kind === "hidden") return null;
  if (value === null || value === undefined || value === "") return w("keine Angabe", "not set");
  switch (kind.kind) {
    case "date":
      return typeof value === "string" ? writtenDate(value) : w(String(value), String(value));
    case "dateTime": {
      const at = new Date(String(value));
      return Number.isNaN(at.getTime()) ? w(String(value), String(value)) : w(longDateTime.de.format(at), longDateTime.en.format(at));
    }
    case "yesNo":
      return value ? w("ja", "yes") : w("nein", "no");
    case "roles":
      return Array.isArray(value) ? joined(value.map((r) => roleName(String(r)))) : w(String(value), String(value));
    case "list":
      return Array.isArray(value) ? w(value.join(", "), value.join(", ")) : w(String(value), String(value));
    case "count": {
      const n = Array.isArray(value) ? value.length : Number(value);
      return w(n === 1 ? "1 Person" : `${n} Personen`, n === 1 ? "1 person" : `${n} people`);
    }
    case "number":
      return w(new Intl.NumberFormat("de-DE").format(Number(value)), new Intl.NumberFormat("en-GB").format(Number(value)));
    case "reference":
      return w("angegeben", "set");
    case "identity": {
      const subject = asRecord(value).subject;
      return w(`verbunden (Kennung ${String(subject)})`, `linked (identifier ${String(subject)})`);
    }
    case "checklist": {
      const items = Array.isArray(value) ? value.map(String) : [];
      const done = items.filter((i) => /:(done|not_needed)$/.test(i)).length;
      return w(`${done} von ${items.length} Punkten erledigt`, `${done} of ${items.length} items done`);
    }
    case "words": {
      const found = kind.words[String(value)];
      return found ?? w(String(value), String(value));
    }
    default:
      return typeof value === "object" ? w(JSON.stringify(value), JSON.stringify(value)) : w(String(value), String(value));
  }
}

const FIELD_KEYS = Object.keys(FIELDS);
const FIELD_ORDER = (key: string) => (FIELD_KEYS.includes(key) ? FIELD_KEYS.indexOf(key) : FIELD_KEYS.length);
const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** Each changed field as a sentence: "Status: genehmigt → beim Personalrat"; a new value alone: "Beginn: 1. November 2026". */
export function changesOf(row: Pick<typeof auditEvents.$inferSelect, "before" | "after">): Bilingual[] {
  const before = asRecord(row.before);
  const after = asRecord(row.after);
  const hadBefore = row.before !== null && row.before !== undefined;
  const out: Bilingual[] = [];
  // In the table's order (the database keeps JSON keys in an order of its own).
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => FIELD_ORDER(a) - FIELD_ORDER(b));
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    // A new object: an empty field says nothing.
    if (!(hadBefore && key in before) && isEmpty(after[key])) continue;
    const field = FIELDS[key] ?? { name: w(key, key), value: { kind: "text" } as const };
    if (field.value.kind === "hidden") continue;
    const next = valueWords(field.value, after[key]);
    if (!next) continue;
    if (field.value.kind === "reference") {
      out.push(
        hadBefore && key in before
          ? w(`${field.name.de}: geändert`, `${field.name.en}: changed`)
          : w(`${field.name.de}: ${next.de}`, `${field.name.en}: ${next.en}`),
      );
      continue;
    }
    const previous = hadBefore && key in before ? valueWords(field.value, before[key]) : null;
    out.push(
      previous
        ? w(`${field.name.de}: ${previous.de} → ${next.de}`, `${field.name.en}: ${previous.en} → ${next.en}`)
        : w(`${field.name.de}: ${next.de}`, `${field.name.en}: ${next.en}`),
    );
  }
  return out;
}
