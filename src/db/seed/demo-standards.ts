import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { today as berlinToday } from "../../kernel/dates";
import { lastClosedPeriod, shiftPeriod } from "../../domain/standards/period";
import { organizations, serviceStandards, serviceStandardVersions, submissions } from "../schema";
import { defaultPublishOn } from "../../modules/standards/submissions";

/**
 * Three standards of the starter set as the reporting needs them (stable keys, so the catalogue's
 * seed and this one name the same standards), each with one version valid from 1 January 2025.
 * Runs once per key; returns the ids by key.
 */
export async function seedDemoStandards(db: Db): Promise<Map<string, string>> {
  const [region] = await db.select({ regionId: organizations.regionId }).from(organizations).where(eq(organizations.kind, "region"));
  if (!region) throw new Error("Demo standards: seed the reference data first");
  const ids = new Map<string, string>();
  for (const s of DEMO_STANDARDS) {
    const [existing] = await db
      .select({ id: serviceStandards.id })
      .from(serviceStandards)
      .where(and(eq(serviceStandards.regionId, region.regionId), eq(serviceStandards.key, s.key)));
    if (existing) {
      ids.set(s.key, existing.id);
      continue;
    }
    const [row] = await db
      .insert(serviceStandards)
      .values({ regionId: region.regionId, key: s.key })
      .returning({ id: serviceStandards.id });
    await db
      .insert(serviceStandardVersions)
      .values({ ...s.version, regionId: region.regionId, standardId: row.id, version: 1, isProposal: true });
    ids.set(s.key, row.id);
  }
  return ids;
}

const DEMO_STANDARDS = [
  {
    key: "telefon-erreichbarkeit",
    version: {
      title: "Telefonische Erreichbarkeit",
      titleEn: "Telephone reachability",
      theme: "buergerservice" as const,
      indicatorDefinition: "Anteil der Anrufe bei der zentralen Rufnummer, die innerhalb von 30 Sekunden angenommen werden",
      measurement: "Auswertung der Telefonanlage: angenommene Anrufe bis 30 Sekunden (Zähler) durch alle Anrufe (Nenner)",
      unit: "percent" as const,
      aggregation: "ratio" as const,
      direction: "higher_is_better" as const,
      periodicity: "quarter" as const,
      target: 75,
      tolerance: 5,
      validFrom: "2025-01-01",
      anchor: "115-Serviceversprechen: 75 % der Anrufe innerhalb von 30 Sekunden",
      appliesTo: "all" as const,
    },
  },
  {
    key: "buergeramt-termin",
    version: {
      title: "Termin im Bürgeramt",
      titleEn: "Appointment at the citizens' office",
      theme: "buergerservice" as const,
      indicatorDefinition: "Kalendertage bis zum nächsten freien Termin im Bürgeramt (Mittel der wöchentlichen Stichproben)",
      measurement: "Jeden Montag um 8 Uhr: Tage bis zum ersten buchbaren Termin im Online-Terminkalender",
      unit: "days" as const,
      aggregation: "mean" as const,
      direction: "lower_is_better" as const,
      periodicity: "quarter" as const,
      target: 14,
      tolerance: 3,
      validFrom: "2025-01-01",
      anchor: "Vorschlag der Regionalstrategie: Termin binnen 14 Tagen",
      appliesTo: "municipalities" as const,
    },
  },
  {
    key: "bauantrag-vollstaendigkeit",
    version: {
      title: "Vollständigkeitsprüfung Bauantrag",
      titleEn: "Completeness check of a building application",
      theme: "bauen" as const,
      indicatorDefinition: "Kalendertage vom Eingang eines Bauantrags bis zur Mitteilung über seine Vollständigkeit (Mittelwert)",
      measurement: "Fachverfahren der Bauaufsicht: Eingangsdatum und Datum der Vollständigkeitsmitteilung aller Anträge des Zeitraums",
      unit: "days" as const,
      aggregation: "mean" as const,
      direction: "lower_is_better" as const,
      periodicity: "quarter" as const,
      target: 21,
      tolerance: 5,
      validFrom: "2025-01-01",
      anchor: "NBauO: Prüfung der Vollständigkeit binnen drei Wochen",
      appliesTo: "building_authorities" as const,
    },
  },
];

/** The administrations of the demo's values (AGS), Wunstorf first. */
const REPORTING = ["03241021", "03241005", "03241001", "03241009", "03241010", "03241011", "03241015", "03241"];

/**
 * Values of the demo: for the four quarters before the last closed one, every administration above
 * has published values (published on the 15th after the quarter); for the last closed quarter the
 * others have submitted or validated theirs, while Wunstorf's is still due — so
 * `controlling@wunstorf.demo` finds "Meldung für … fällig" and `koordination@region-hannover.demo`
 * values to review. The figures are fixed functions of administration and quarter (no chance).
 * Runs once.
 */
export async function seedDemoSubmissions(db: Db, day = berlinToday()): Promise<number> {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from submissions`)).rows as Array<{ n: number }>;
  if (n > 0) return 0;
  const ids = await seedDemoStandards(db);
  const orgs = await db
    .select({ id: organizations.id, ags: organizations.ags, regionId: organizations.regionId, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.ags, REPORTING));
  const versions = await db
    .select({ id: serviceStandardVersions.id, standardId: serviceStandardVersions.standardId })
    .from(serviceStandardVersions)
    .where(inArray(serviceStandardVersions.standardId, [...ids.values()]));
  const versionOf = new Map(versions.map((v) => [v.standardId, v.id]));
  const last = lastClosedPeriod("quarter", day);
  const rows: Array<typeof submissions.$inferInsert> = [];
  for (const [o, ags] of REPORTING.entries()) {
    const org = orgs.find((x) => x.ags === ags);
    if (!org) continue;
    for (let back = 0; back <= 4; back++) {
      const p = shiftPeriod(last, back);
      if (back === 0 && ags === "03241021") continue; // Wunstorf's last quarter is still due.
      const state = back > 0 ? "published" : o % 2 ? "submitted" : "validated";
      const publishOn = back > 0 ? `${shiftPeriod(p, -1).start.slice(0, 8)}15` : state === "validated" ? defaultPublishOn(day) : null;
      const wobble = ((o * 7 + back * 3) % 9) - 4; // −4 … 4
      const base = {
        regionId: org.regionId,
        organizationId: org.id,
        period: p.text,
        periodStart: p.start,
        periodEnd: p.end,
        state,
        publishOn,
      } as const;
      const calls = 4000 + o * 650 + back * 120;
      const answered = Math.round(calls * (0.74 + wobble / 100));
      rows.push({
        ...base,
        standardId: ids.get("telefon-erreichbarkeit")!,
        standardVersionId: versionOf.get(ids.get("telefon-erreichbarkeit")!)!,
        value: Math.round((answered / calls) * 1000) / 10,
        numerator: answered,
        denominator: calls,
        method: "Auswertung der Telefonanlage",
        confidence: "high",
      });
      if (org.kind === "municipality") {
        rows.push({
          ...base,
          standardId: ids.get("buergeramt-termin")!,
          standardVersionId: versionOf.get(ids.get("buergeramt-termin")!)!,
          value: 12 + wobble,
          method: "Stichprobe montags im Online-Terminkalender",
          confidence: "medium",
        });
      }
      // All of these administrations are lower building authorities (the Region for eight towns).
      rows.push({
        ...base,
        standardId: ids.get("bauantrag-vollstaendigkeit")!,
        standardVersionId: versionOf.get(ids.get("bauantrag-vollstaendigkeit")!)!,
        value: 19 + wobble * 1.5,
        method: "Auswertung des Fachverfahrens",
        confidence: "high",
      });
    }
  }
  if (rows.length) await db.insert(submissions).values(rows);
  return rows.length;
}
