import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIONS, RULES } from "../../domain/secondment/workflow";
import { historySentence, type HistoryInput } from "./history";

const base: Omit<HistoryInput, "action" | "actingAs"> = {
  actorName: "Sabine Köhler",
  at: new Date("2026-12-01T09:00:00Z"),
  lender: { name: "Wunstorf", officialName: "Stadt Wunstorf" },
  borrower: { name: "Region Hannover", officialName: "Region Hannover" },
  personName: "Katrin Schulze",
  startsOn: "2026-12-07",
};

describe("the history of a secondment", () => {
  it("a row without its role (recorded before roles were) reads as the one role the workflow gives the step", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), (action) => {
        const without = historySentence({ ...base, action, actingAs: null });
        const roles = RULES[action].by;
        if (roles.length === 1) expect(without).toEqual(historySentence({ ...base, action, actingAs: roles[0] }));
        // Several roles may take it: the row names the person who did.
        else expect(without.de.startsWith("Sabine Köhler ")).toBe(true);
      }),
    );
  });

  it("names the office, not the command: 'Personalamt Wunstorf hat genehmigt'", () => {
    expect(historySentence({ ...base, action: "approve", actingAs: null })).toEqual({
      de: "Personalamt Wunstorf hat genehmigt",
      en: "The HR office of Wunstorf approved",
    });
    expect(historySentence({ ...base, action: "council_consent", actingAs: null }).de).toBe(
      "Der Personalrat der Stadt Wunstorf hat zugestimmt",
    );
  });
});
