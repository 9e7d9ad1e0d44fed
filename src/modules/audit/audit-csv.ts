/**
 * The audit log as CSV for Excel in Germany: UTF-8 with a byte order mark (so Excel reads the
 * umlauts), semicolons between cells, CRLF between rows, German column headers and German dates
 * ("01.11.2026 14:05:09"). A cell that starts with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe, so a spreadsheet never runs a value as a formula (CSV injection).
 */
import { BOM, csvRow } from "../../kernel/csv";
import { germanDate, TIME_ZONE } from "../../kernel/dates";
import type { PresentedAuditEvent } from "./present-audit";

export { BOM, csvCell } from "../../kernel/csv";

/** The column headers, in order. */
export const CSV_HEADERS = ["Zeitpunkt", "Person", "Verwaltung", "Was geschah", "Objektart", "Objekt", "Änderungen"] as const;

const timeOfDay = new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: TIME_ZONE });

/** When an entry was made, as Excel in Germany reads it: "01.11.2026 14:05:09". */
const germanDateTime = (at: Date) => `${germanDate(at)} ${timeOfDay.format(at)}`;

/** The first line of the file: the BOM and the headers. */
export const csvHead = () => BOM + csvRow([...CSV_HEADERS]);

/** The lines of a batch of presented entries (German words). */
export function csvLines(events: PresentedAuditEvent[]): string {
  return events
    .map((e) =>
      csvRow([
        germanDateTime(e.row.at),
        e.actor.label.de,
        e.actor.organization ?? "",
        e.sentence.de,
        e.object.typeName.de,
        e.object.title ?? "",
        e.changes.map((c) => c.de).join("; "),
      ]),
    )
    .join("");
}
