import { describe, expect, it } from "vitest";
import { parseEvents } from "../../../test/ical";
import { calendarText, type CalendarEvent } from "./calendar";

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: "a@verbund.region-hannover",
  startsOn: "2026-12-07",
  endsOn: "2027-01-31",
  summary: "Abordnung an Region Hannover",
  description: "20 Stunden pro Woche.",
  location: null,
  isConfirmed: false,
  ...over,
});

describe("iCal feed text", () => {
  it("an all-day event from the first to the last day, tentative until agreed", () => {
    const parsed = parseEvents(
      calendarText("Meine Abordnungen", [event(), event({ uid: "b@verbund.region-hannover", isConfirmed: true })]),
    );
    expect(parsed.name).toBe("Meine Abordnungen");
    expect(parsed.events).toEqual([
      {
        uid: "a@verbund.region-hannover",
        summary: "Abordnung an Region Hannover",
        description: "20 Stunden pro Woche.",
        location: null,
        start: "2026-12-07",
        end: "2027-02-01",
        isAllDay: true,
        status: "TENTATIVE",
        transparency: "TRANSPARENT",
      },
      expect.objectContaining({ uid: "b@verbund.region-hannover", status: "CONFIRMED" }),
    ]);
  });

  it("names with letters beyond ASCII come back as written: umlauts, ß and ẞ, Polish, Turkish and Greek letters, emoji", () => {
    const names = ["Jürgen Weiß → Region Hannover", "GROẞE Ärztin (aus Garbsen)", "Łukasz Żółć, Ağça Şahin", "Ζωή Παπαδοπούλου 🙂"];
    const text = calendarText(
      "Abordnungen des Fachbereichs",
      names.map((summary, i) => event({ uid: `${i}@verbund.region-hannover`, summary })),
    );
    expect(parseEvents(text).events.map((e) => e.summary)).toEqual(names);
  });

  it("text with ; , \\ and line breaks (CRLF, a bare CR, a bare LF) comes back as written, and opens no new event", () => {
    const hostile = "Akten prüfen; Fristen, Bescheide \\ Ablage\rEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:gefälscht";
    const text = calendarText("Abordnungen des Fachbereichs", [
      event({ summary: "Schulze, Katrin; Bauordnung \\ Wunstorf", description: hostile, location: "Rathaus, Zimmer 1;\r\n2. OG" }),
    ]);
    expect(text.split("\r\n").filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
    // As RFC 5545 § 3.3.11 writes TEXT: \, \; \\ and \n.
    expect(text).toContain("SUMMARY:Schulze\\, Katrin\\; Bauordnung \\\\ Wunstorf\r\n");
    const [parsed] = parseEvents(text).events;
    expect(parsed.summary).toBe("Schulze, Katrin; Bauordnung \\ Wunstorf");
    // iCalendar has one line break (\n): a CR reads as a line feed.
    expect(parsed.description).toBe("Akten prüfen; Fristen, Bescheide \\ Ablage\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:gefälscht");
    expect(parsed.location).toBe("Rathaus, Zimmer 1;\n2. OG");
  });

  it("folds long lines at 75 octets without splitting a character; the parser reads them whole", () => {
    const long = "Bürgerbüro übernimmt Anträge – Ärger mit ẞ und 🙂 ".repeat(8);
    const text = calendarText("Meine Abordnungen", [event({ description: long })]);
    const lines = text.split("\r\n");
    expect(lines.every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    expect(text).not.toContain("\uFFFD");
    expect(parseEvents(text).events[0].description).toBe(long);
  });
});
