import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appliesTo, currentVersion, versionInForce, versionProblems, type VersionDraft } from "./standard-rules";
import { buildServiceCatalogue, foldForSearch } from "./service-catalogue";

const catalogue = { hasLeikaKey: (k: string) => k === "99012008000000", hasOzgId: (id: string) => id === "10519" };
const ok: VersionDraft = { unit: "percent", target: 75, tolerance: 5, validFrom: "2027-01-01", validTo: null };

describe("version rules", () => {
  it("a valid first version has no problem; a second one needs its change note", () => {
    expect(versionProblems(ok, catalogue, true)).toEqual([]);
    expect(versionProblems(ok, catalogue, false).map((p) => [p.field, p.rule])).toEqual([["changeNote", "required"]]);
    expect(versionProblems({ ...ok, changeNote: "Ziel angehoben" }, catalogue, false)).toEqual([]);
  });

  it("names every broken field at once, in German and English", () => {
    const problems = versionProblems(
      {
        unit: "percent",
        target: 120,
        tolerance: -1,
        validFrom: "2027-02-01",
        validTo: "2027-01-31",
        leikaKey: "99999999999999",
        ozgId: "99999",
      },
      catalogue,
      false,
    );
    expect(problems.map((p) => p.field)).toEqual(["target", "tolerance", "validTo", "leikaKey", "ozgId", "changeNote"]);
    for (const p of problems) expect(p.message.de.length * p.message.en.length).toBeGreaterThan(0);
  });

  it("a percentage target is accepted exactly within 0 … 100 (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (target) => {
        const refused = versionProblems({ ...ok, target }, catalogue, true).some((p) => p.field === "target");
        expect(refused).toBe(target < 0 || target > 100);
      }),
    );
  });

  it("days and counts may exceed 100 but not be negative (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 100000, noNaN: true }), (target) => {
        const refused = versionProblems({ ...ok, unit: "days", target }, catalogue, true).some((p) => p.field === "target");
        expect(refused).toBe(target < 0);
      }),
    );
  });
});

const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const versions = fc
  .array(fc.tuple(day, fc.option(day, { nil: null })), { minLength: 0, maxLength: 6 })
  .map((list) => list.map(([a, b], i) => ({ version: i + 1, validFrom: a, validTo: b !== null && b < a ? null : b })));

describe("which version is in force", () => {
  it("the version in force covers the day and no higher version covers it (property)", () => {
    fc.assert(
      fc.property(versions, day, (vs, d) => {
        const found = versionInForce(vs, d);
        const covering = vs.filter((v) => v.validFrom <= d && (v.validTo === null || v.validTo >= d));
        if (!covering.length) expect(found).toBeUndefined();
        else expect(found!.version).toBe(Math.max(...covering.map((v) => v.version)));
      }),
    );
  });

  it("a new version replaces the old one from its first day; before it the old one holds", () => {
    const vs = [
      { version: 1, validFrom: "2026-01-01", validTo: null },
      { version: 2, validFrom: "2027-01-01", validTo: null },
    ];
    expect(versionInForce(vs, "2026-12-31")!.version).toBe(1);
    expect(versionInForce(vs, "2027-01-01")!.version).toBe(2);
    expect(versionInForce(vs, "2025-12-31")).toBeUndefined();
    expect(currentVersion(vs, "2025-12-31")!.version).toBe(2);
  });

  it("the catalogue always shows a version when there is one (property)", () => {
    fc.assert(
      fc.property(versions, day, (vs, d) => {
        expect(!!currentVersion(vs, d)).toBe(vs.length > 0);
      }),
    );
  });
});

describe("applicability", () => {
  const region = { id: "r", kind: "region" as const, isBuildingAuthority: true };
  const wunstorf = { id: "w", kind: "municipality" as const, isBuildingAuthority: true };
  const gehrden = { id: "g", kind: "municipality" as const, isBuildingAuthority: false };
  it("a building-permit standard applies to building authorities, not to municipalities the Region serves", () => {
    expect([region, wunstorf, gehrden].filter((o) => appliesTo("building_authorities", o)).map((o) => o.id)).toEqual(["r", "w"]);
    expect([region, wunstorf, gehrden].filter((o) => appliesTo("municipalities", o)).map((o) => o.id)).toEqual(["w", "g"]);
    expect([region, wunstorf, gehrden].filter((o) => appliesTo("region", o)).map((o) => o.id)).toEqual(["r"]);
    expect([region, wunstorf, gehrden].filter((o) => appliesTo("all", o))).toHaveLength(3);
  });
});

describe("service catalogue search", () => {
  const cat = buildServiceCatalogue([
    { leika_schluessel: "99089003000000", leistung: "Anzeige", ozg_id: "", ozg_leistung: "", lebenslage: "", themenfeld: "" },
    {
      leika_schluessel: "99012008000000",
      leistung: "Baugenehmigung",
      ozg_id: "10519",
      ozg_leistung: "Bauvorbescheid und Baugenehmigung",
      lebenslage: "Bauen & Immobilien",
      themenfeld: "Bauen & Wohnen",
    },
    {
      leika_schluessel: "99008001012000",
      leistung: "Personalausweis Ausstellung",
      ozg_id: "10119",
      ozg_leistung: "Personalausweis",
      lebenslage: "Querschnitt Bürger",
      themenfeld: "Querschnitt",
    },
    {
      leika_schluessel: "nicht im LeiKa",
      leistung: "baufachliche Beurteilung von Baumaßnahmen",
      ozg_id: "10519",
      ozg_leistung: "Bauvorbescheid und Baugenehmigung",
      lebenslage: "Bauen & Immobilien",
      themenfeld: "Bauen & Wohnen",
    },
  ]);
  it("finds by LeiKa key, OZG id and words, umlauts folded", () => {
    expect(cat.search("99012008000000", 10).items.map((s) => s.name)).toEqual(["Baugenehmigung"]);
    expect(cat.search("10519", 10).matches).toBe(2);
    expect(cat.search("buerger", 10).items.map((s) => s.name)).toEqual(["Personalausweis Ausstellung"]);
    expect(cat.search("BAUMASSNAHMEN", 10).items[0].leikaKey).toBeNull();
    expect(cat.search("", 10)).toEqual({ items: [], matches: 0 });
    expect(cat.search("Anzeige", 10).items[0]).toMatchObject({ leikaKey: "99089003000000", ozgId: null });
  });
  it("never answers more than the limit, and every answer contains every word (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (q, limit) => {
        const { items, matches } = cat.search(q, limit);
        expect(items.length).toBeLessThanOrEqual(limit);
        expect(matches).toBeGreaterThanOrEqual(items.length);
        const words = foldForSearch(q).split(" ").filter(Boolean);
        if (!/^\d+$/.test(foldForSearch(q)))
          for (const s of items)
            for (const w of words) expect(foldForSearch(`${s.name} ${s.ozgService} ${s.lifeSituation} ${s.topic}`)).toContain(w);
      }),
    );
  });
  it("refuses a file with a malformed key", () => {
    expect(() =>
      buildServiceCatalogue([
        { leika_schluessel: "9901", leistung: "x", ozg_id: "10519", ozg_leistung: "x", lebenslage: "x", themenfeld: "x" },
      ]),
    ).toThrow(/line 2/);
  });
});
