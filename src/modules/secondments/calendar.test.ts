import { describe, expect, it } from "vitest";
import { escapeText } from "./calendar";

describe("iCal text", () => {
  it("escapes every line break — CRLF, a bare CR, a bare LF — so no text ends a content line early", () => {
    expect(escapeText("a\r\nb")).toBe("a\\nb");
    expect(escapeText("a\rb")).toBe("a\\nb");
    expect(escapeText("a\nb")).toBe("a\\nb");
    expect(escapeText("a\r\rb\n\nc")).toBe("a\\n\\nb\\n\\nc");
    const line = `DESCRIPTION:${escapeText("Akten prüfen\rEND:VEVENT\r\nBEGIN:VEVENT")}`;
    expect(line).not.toMatch(/[\r\n]/);
  });

  it("escapes backslash, semicolon and comma", () => {
    expect(escapeText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
  });
});
