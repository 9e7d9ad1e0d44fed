import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { today as berlinToday } from "../../kernel/dates";
import { lastClosedPeriod, periodOf, shiftPeriod, type Period } from "../../domain/standards/period";
import { organizations, submissionReplies, submissions } from "../schema";
import { defaultPublishOn } from "../../modules/standards/submissions";
import { unscopedStandardIdByKey, unscopedVersionInForce } from "../../modules/standards/standard-scope";

/** The standards of the starter set (src/db/seed/standards.ts) the demo reports values for. */
export const DEMO_KEYS = ["telefon-erreichbarkeit", "buergeramt-termin", "bauantrag-vollstaendigkeit"] as const;

/**
 * The ids of the demo's standards: the starter set's, seeded with the reference data (the demo
 * defines no standards of its own). Returns the ids by key.
 */
export async function demoStandardIds(db: Db): Promise<Map<string, string>> {
  const [region] = await db.select({ regionId: organizations.regionId }).from(organizations).where(eq(organizations.kind, "region"));
  if (!region) throw new Error("Demo values: seed the reference data first");
  const ids = new Map<string, string>();
  for (const key of DEMO_KEYS) {
    const id = await unscopedStandardIdByKey(db, region.regionId, key);
    if (!id) throw new Error(`Demo values: the starter set has no standard ${key}`);
    ids.set(key, id);
  }
  return ids;
}

/** The administrations of the demo's values (AGS), Wunstorf first. */
const REPORTING = ["03241021", "03241005", "03241001", "03241009", "03241010", "03241011", "03241015", "03241"];
const WUNSTORF = "03241021";
/** Garbsen: the demo's best practice of telephone reachability (met every month). */
const GARBSEN = "03241005";

/** The demo's function mailbox of an administration for service standards: `leistungsstandards@wunstorf.demo`. */
export function demoStandardsContact(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `leistungsstandards@${slug}.demo`;
}

/** The months of a quarter. */
function monthsOf(quarter: Period): Period[] {
  return [0, 1, 2].map((i) => periodOf("month", quarter.year, (quarter.index - 1) * 3 + 1 + i));
}

/**
 * Values of the demo, for the starter set's standards as they are: the quarterly completeness
 * check of building applications per quarter, the monthly telephone reachability and appointment
 * waiting time per month (a controlling office reports a quarter's file with three months each).
 * For the closed quarters before the last one (from the standards' first day on), every
 * administration above has published values (published on the 15th after the period); for the
 * last closed quarter and the months after it the others have submitted or validated theirs (so has
 * Wunstorf), while Wunstorf's of the last closed month and quarter are still due — so `controlling@wunstorf.demo` finds "Meldung für … fällig" and
 * `koordination@region-hannover.demo` values to review. For the evaluation, Wunstorf misses the
 * completeness check of building applications in both published quarters before the last closed
 * one (it needs support), and Garbsen meets telephone reachability every month (the best practice).
 * Every reporting administration gets a function mailbox for service standards. The figures are
 * fixed functions of administration and period (no chance). Runs once.
 */
export async function seedDemoSubmissions(db: Db, day = berlinToday()): Promise<number> {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from submissions`)).rows as Array<{ n: number }>;
  if (n > 0) return 0;
  const ids = await demoStandardIds(db);
  const orgs = await db
    .select({
      id: organizations.id,
      ags: organizations.ags,
      name: organizations.name,
      regionId: organizations.regionId,
      kind: organizations.kind,
    })
    .from(organizations)
    .where(inArray(organizations.ags, REPORTING));
  for (const org of orgs) {
    await db
      .update(organizations)
      .set({ standardsContactEmail: demoStandardsContact(org.name) })
      .where(eq(organizations.id, org.id));
  }
  const lastQuarter = lastClosedPeriod("quarter", day);
  const lastMonth = lastClosedPeriod("month", day);
  const quarters = [3, 2, 1, 0].map((back) => shiftPeriod(lastQuarter, back));
  const months = quarters.flatMap(monthsOf);
  for (let m = shiftPeriod(months[months.length - 1], -1); m.end <= lastMonth.end; m = shiftPeriod(m, -1)) months.push(m);
  const versionIds = new Map<string, string>();
  const versionOf = async (standardId: string, p: Period) => {
    const k = `${standardId} ${p.text}`;
    if (!versionIds.has(k)) {
      const v = await unscopedVersionInForce(db, standardId, p.end);
      // Only a period wholly within the version's validity gets a value.
      versionIds.set(k, v && v.validFrom <= p.start && v.periodicity === p.kind ? v.id : "");
    }
    return versionIds.get(k) || null;
  };
  const rows: Array<typeof submissions.$inferInsert> = [];
  for (const [o, ags] of REPORTING.entries()) {
    const org = orgs.find((x) => x.ags === ags);
    if (!org) continue;
    const add = async (key: string, p: Period, figures: Partial<typeof submissions.$inferInsert>) => {
      const standardId = ids.get(key)!;
      const standardVersionId = await versionOf(standardId, p);
      if (!standardVersionId) return;
      const open = p.start >= lastQuarter.start;
      // Wunstorf's values of the last closed period (month or quarter) are still due.
      if (ags === WUNSTORF && (p.text === lastMonth.text || p.text === lastQuarter.text)) return;
      const state = !open ? "published" : o % 2 ? "submitted" : "validated";
      const publishOn = !open ? `${shiftPeriod(p, -1).start.slice(0, 8)}15` : state === "validated" ? defaultPublishOn(day) : null;
      rows.push({
        regionId: org.regionId,
        organizationId: org.id,
        standardId,
        standardVersionId,
        period: p.text,
        periodStart: p.start,
        periodEnd: p.end,
        state,
        publishOn,
        value: 0,
        ...figures,
      });
    };
    for (const [n, p] of months.entries()) {
      const wobble = ((o * 7 + n * 3) % 9) - 4; // −4 … 4
      const calls = 1300 + o * 220 + (n % 3) * 40;
      const answered = Math.round(calls * (0.74 + wobble / 100 + (ags === GARBSEN ? 0.06 : 0)));
      await add("telefon-erreichbarkeit", p, {
        value: Math.round((answered / calls) * 1000) / 10,
        numerator: answered,
        denominator: calls,
        method: "Auswertung der Telefonanlage",
        confidence: "high",
      });
      if (org.kind === "municipality") {
        await add("buergeramt-termin", p, {
          value: 12 + wobble,
          method: "Stichprobe montags im Online-Terminkalender",
          confidence: "medium",
        });
      }
    }
    // All of these administrations are lower building authorities (the Region for eight towns).
    for (const [n, p] of quarters.entries()) {
      const wobble = ((o * 5 + n * 3) % 7) - 3; // −3 … 3
      const received = 40 + o * 9 + n * 4;
      // Wunstorf misses the standard (95 % ± 5 pp) with 84 to 86 %.
      const checked = Math.round(received * (ags === WUNSTORF ? 0.85 + Math.sign(wobble) / 100 : 0.92 + wobble / 100));
      await add("bauantrag-vollstaendigkeit", p, {
        value: Math.round((checked / received) * 1000) / 10,
        numerator: checked,
        denominator: received,
        method: "Auswertung des Fachverfahrens",
        confidence: "high",
      });
    }
  }
  if (rows.length) await db.insert(submissions).values(rows);
  // The right of reply: Wunstorf comments publicly on its telephone value of the middle month of
  // the quarter before the last closed one (published).
  const wunstorf = orgs.find((x) => x.ags === WUNSTORF);
  const middle = monthsOf(shiftPeriod(lastQuarter, 1))[1];
  const [commented] = wunstorf
    ? await db
        .select({ id: submissions.id, regionId: submissions.regionId, organizationId: submissions.organizationId })
        .from(submissions)
        .where(
          and(
            eq(submissions.organizationId, wunstorf.id),
            eq(submissions.standardId, ids.get("telefon-erreichbarkeit")!),
            eq(submissions.period, middle.text),
          ),
        )
    : [];
  if (commented) {
    await db.insert(submissionReplies).values({
      ...commented,
      submissionId: commented.id,
      version: 1,
      text: "In diesem Monat fiel die Telefonanlage an zwei Tagen aus. Seit dem Folgemonat ist eine neue Anlage in Betrieb.",
    });
  }
  return rows.length;
}
