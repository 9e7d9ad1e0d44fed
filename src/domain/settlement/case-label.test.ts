import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { secondmentReference } from "../secondment/reference";
import { CASE_TASKS_LENGTH, caseLabelOf } from "./statement-cases";

const PERIOD = "19.11.2026–03.03.2027";
const REF = "A-3F2C9B1E";
const tasksOf = (label: string) => label.slice(`Abordnung ${REF}, ${PERIOD}: `.length);

describe("caseLabelOf (how a statement names a secondment)", () => {
  it("two secondments with the same period and tasks get different labels: their references, no name", () => {
    const a = secondmentReference("3f2c9b1e-0000-4000-8000-000000000001");
    const b = secondmentReference("7d41a0c2-0000-4000-8000-000000000001");
    expect(a).toBe("A-3F2C9B1E");
    expect(caseLabelOf(a, PERIOD, "Bauanträge prüfen")).not.toBe(caseLabelOf(b, PERIOD, "Bauanträge prüfen"));
    expect(caseLabelOf(b, PERIOD, "Bauanträge prüfen")).toBe(`Abordnung A-7D41A0C2, ${PERIOD}: Bauanträge prüfen`);
  });

  it("the demo's tasks end at a whole word with an ellipsis, not in the middle of 'pflegen'", () => {
    const label = caseLabelOf(
      REF,
      PERIOD,
      "Kontaktpersonen ermitteln und anrufen, Quarantäne anordnen, Fälle in SORMAS pflegen. Einarbeitung am ersten Tag.",
    );
    expect(label).toBe(`Abordnung ${REF}, ${PERIOD}: Kontaktpersonen ermitteln und anrufen, Quarantäne anordnen, Fälle in SORMAS …`);
  });

  it("short tasks stay whole; line breaks become spaces", () => {
    expect(caseLabelOf(REF, PERIOD, "Bauanträge prüfen\nund beraten")).toBe(`Abordnung ${REF}, ${PERIOD}: Bauanträge prüfen und beraten`);
  });

  it("for any text: one line, at most the limit plus the ellipsis, made of whole words of the tasks", () => {
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9,.]{1,30}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.constantFrom(" ", "\n", "  ", "\t"), (words, gap) => {
        const tasks = words.join(gap);
        const label = caseLabelOf(REF, PERIOD, tasks);
        expect(label).not.toMatch(/[\n\t]/);
        const shown = tasksOf(label);
        const whole = words.join(" ");
        if (shown.endsWith(" …")) {
          const kept = shown.slice(0, -2);
          expect([...kept].length).toBeLessThanOrEqual(CASE_TASKS_LENGTH);
          // Every word shown is a whole word of the tasks, in order (the last may lose trailing punctuation).
          const keptWords = kept.split(" ");
          keptWords.slice(0, -1).forEach((w, i) => expect(w).toBe(words[i]));
          if (words[0].length <= CASE_TASKS_LENGTH) expect(words[keptWords.length - 1].startsWith(keptWords.at(-1)!)).toBe(true);
        } else {
          expect(shown).toBe(whole);
        }
      }),
    );
  });
});
