/**
 * The transparency portal and the open data, as an anonymous visitor and a machine read them:
 * every administration with its published values per standard (status, method, the standard's
 * target and anchor, the administration's comment), the same values as CSV and JSON, and
 * DCAT-AP.de metadata. A value under embargo (validated, publication day ahead) is in none of
 * them — not in a list, a count or a file — and appears once its day has come (the day is moved
 * by data: its publication day is set to today).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { parse as parseCsv } from "csv-parse/sync";
import { today } from "../../kernel/dates";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { standardsFixture } from "../../../test/standards-fixture";
import { statusOf } from "../../domain/standards/status";
import { LICENCE_URI, OPEN_DATA_COLUMNS } from "./open-data";

let t: TestApp;
let anonymous: Client;
let reporter: Client;
let f: Awaited<ReturnType<typeof standardsFixture>>;
let wunstorfId: string;
/** Wunstorf's telephone value of the last month of the last closed quarter: validated, published on the 15th. */
let embargoed: { id: string; value: number; period: string };

type PortalValue = { id: string; period: string; value: number; status: string; method: string; reply: string | null; target: number };
type PortalStandard = {
  key: string;
  title: string;
  target: number;
  tolerance: number;
  anchor: string;
  measurement: string;
  values: PortalValue[];
};

const get = (url: string, headers: Record<string, string> = {}) => anonymous.request({ method: "GET", url, headers });

async function portalOf(orgId: string): Promise<PortalStandard[]> {
  const res = await get(`/api/v1/transparency/organizations/${orgId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().standards;
}
const portalIds = async (orgId: string) => (await portalOf(orgId)).flatMap((s) => s.values.map((v) => v.id));
async function wunstorfCount(): Promise<number> {
  const res = await get("/api/v1/transparency");
  expect(res.statusCode).toBe(200);
  return res.json().organizations.find((o: { id: string }) => o.id === wunstorfId).publishedValues;
}
/** The CSV as records (header line → keys), the byte order mark taken off. */
function csvRecords(body: string): Array<Record<string, string>> {
  expect(body.startsWith("\uFEFF")).toBe(true);
  return parseCsv(body.slice(1), { columns: true, skip_empty_lines: true, relax_quotes: false });
}
const csvIds = async () => {
  const records = csvRecords((await get("/opendata/values.csv")).body);
  return records;
};

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase() });
  f = await standardsFixture(t.database.db);
  const { rows } = await t.database.db.execute(sql`SELECT id FROM organizations WHERE name = 'Wunstorf'`);
  wunstorfId = (rows[0] as { id: string }).id;
  anonymous = t.anonymous();
  reporter = await t.signIn("controlling@wunstorf.demo");
  const { rows: held } = await t.database.db.execute(
    sql`SELECT id, value, period FROM submissions WHERE organization_id = ${wunstorfId} AND standard_id = ${f.phone}
        AND state = 'validated' AND publish_on > ${today()} ORDER BY period DESC LIMIT 1`,
  );
  embargoed = held[0] as typeof embargoed;
  expect(embargoed).toBeTruthy();
}, 120_000);
afterAll(async () => t?.close());

describe("the transparency portal (public API)", () => {
  it("lists every administration with the number of its published values, without signing in", async () => {
    const res = await get("/api/v1/transparency");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    const orgs = res.json().organizations as Array<{ name: string; publishedValues: number }>;
    expect(orgs).toHaveLength(22);
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM submissions WHERE organization_id = ${wunstorfId} AND state IN ('validated','published')
          AND publish_on <= ${today()} AND replaced_by_id IS NULL`,
    );
    expect(await wunstorfCount()).toBe((rows[0] as { n: number }).n);
    expect(orgs.find((o) => o.name === "Barsinghausen")!.publishedValues).toBe(0);
  });

  it("shows an administration's published values per standard with status, method, target, anchor and its comment", async () => {
    const standards = await portalOf(wunstorfId);
    expect(standards.map((s) => s.key).sort()).toEqual(["bauantrag-vollstaendigkeit", "buergeramt-termin", "telefon-erreichbarkeit"]);
    const phone = standards.find((s) => s.key === "telefon-erreichbarkeit")!;
    expect(phone).toMatchObject({ target: 75, tolerance: 5, anchor: expect.stringContaining("115") });
    for (const v of phone.values) {
      expect(v.method).toBe("Auswertung der Telefonanlage");
      expect(v.status).toBe(statusOf({ direction: "higher_is_better", target: 75, tolerance: 5 }, v.value));
    }
    // Newest period first.
    expect(phone.values.map((v) => v.period)).toEqual([...phone.values.map((v) => v.period)].sort().reverse());

    const value = phone.values[0];
    const written = await reporter.request({
      method: "PUT",
      url: `/api/v1/submissions/${value.id}/reply`,
      payload: { text: "Seit der neuen Telefonanlage erreichen uns mehr Anrufe.", basedOnVersion: null },
    });
    expect(written.statusCode, written.body).toBe(200);
    const again = (await portalOf(wunstorfId)).find((s) => s.key === "telefon-erreichbarkeit")!;
    expect(again.values.find((v) => v.id === value.id)!.reply).toBe("Seit der neuen Telefonanlage erreichen uns mehr Anrufe.");
  });

  it("names no person: neither the reporter nor the validator appear in the portal or the files", async () => {
    const { rows } = await t.database.db.execute(
      sql`SELECT DISTINCT a.display_name, a.login FROM submissions s JOIN accounts a ON a.id IN (s.created_by, s.submitted_by, s.validated_by)
          UNION SELECT a.display_name, a.login FROM accounts a WHERE a.login IN ('controlling@wunstorf.demo', 'koordination@region-hannover.demo')`,
    );
    const names = (rows as Array<{ display_name: string; login: string }>).flatMap((r) => [r.display_name, r.login]);
    expect(names.length).toBeGreaterThan(0);
    const bodies = [
      (await get(`/api/v1/transparency/organizations/${wunstorfId}`)).body,
      (await get("/opendata/values.csv")).body,
      (await get("/opendata/values.json")).body,
      (await get("/opendata/catalog.jsonld")).body,
    ];
    for (const body of bodies) for (const name of names) expect(body).not.toContain(name);
  });

  it("answers an unknown administration with 404 and a malformed id with 400", async () => {
    expect((await get("/api/v1/transparency/organizations/00000000-0000-4000-8000-00000000abcd")).statusCode).toBe(404);
    expect((await get("/api/v1/transparency/organizations/wunstorf")).statusCode).toBe(400);
  });
});

describe("open data", () => {
  it("values.csv round-trips to the same values as values.json, numbers with a decimal point", async () => {
    const csv = await get("/opendata/values.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body.split("\r\n")[0]).toBe(`\uFEFF${OPEN_DATA_COLUMNS.map(([n]) => n).join(",")}`);
    const json = (await get("/opendata/values.json")).json() as { licence: { uri: string }; values: Array<Record<string, unknown>> };
    expect(json.licence.uri).toBe(LICENCE_URI);
    const records = csvRecords(csv.body);
    expect(records).toHaveLength(json.values.length);
    expect(records.length).toBeGreaterThan(50);
    const back = records.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, cell]) => {
          const typed = json.values[0][k];
          if (cell === "") return [k, null];
          if (typeof typed === "number" || ["zaehler", "nenner"].includes(k)) return [k, Number(cell)];
          return [k, cell.replace(/^'(?='*[=+\-@\t\r])/, "")];
        }),
      ),
    );
    expect(back).toEqual(json.values);
    expect(records.some((r) => /^\d+\.\d+$/.test(r.wert))).toBe(true);
  });

  it("values-excel.csv is the same table for Excel set to German: semicolons, decimal commas, formulas neutralised", async () => {
    const res = await get("/opendata/values-excel.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body.split("\r\n")[0]).toBe(`\uFEFF${OPEN_DATA_COLUMNS.map(([n]) => n).join(";")}`);
    const excel = parseCsv(res.body.slice(1), { columns: true, delimiter: ";", skip_empty_lines: true }) as Array<Record<string, string>>;
    const international = csvRecords((await get("/opendata/values.csv")).body);
    expect(excel).toHaveLength(international.length);
    const numeric = new Set(["wert", "zaehler", "nenner", "zielwert", "toleranz", "standard_fassung", "wert_fassung"]);
    expect(excel.map((r) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, numeric.has(k) ? c.replace(",", ".") : c])))).toEqual(
      international,
    );
    expect(excel.some((r) => /^\d+,\d+$/.test(r.wert))).toBe(true);
    expect(excel.every((r) => !/\./.test(r.wert))).toBe(true);
  });

  it("neutralises a comment that a spreadsheet would run as a formula", async () => {
    const [value] = (await portalOf(wunstorfId)).find((s) => s.key === "buergeramt-termin")!.values;
    const formula = '=HYPERLINK("https://example.org","Klick")';
    const res = await reporter.request({
      method: "PUT",
      url: `/api/v1/submissions/${value.id}/reply`,
      payload: { text: formula, basedOnVersion: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    const csv = (await get("/opendata/values.csv")).body;
    expect(csv).toContain(`"'=HYPERLINK(""https://example.org"",""Klick"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const excel = (await get("/opendata/values-excel.csv")).body;
    expect(excel).toContain(`"'=HYPERLINK(""https://example.org"",""Klick"")"`);
    expect(excel).not.toMatch(/(^|;)"?=HYPERLINK/m);
    const json = (await get("/opendata/values.json")).json() as { values: Array<{ stellungnahme: string | null }> };
    expect(json.values.some((v) => v.stellungnahme === formula)).toBe(true);
  });

  it("catalog.jsonld is DCAT-AP.de JSON-LD: a catalogue with a dataset per standard and a distribution per format", async () => {
    const res = await get("/opendata/catalog.jsonld");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
    const doc = JSON.parse(res.body);
    const context = doc["@context"] as Record<string, string>;
    expect(context).toMatchObject({ dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/" });
    // Every prefixed term is declared in the context (it expands to a full IRI).
    const prefixes = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === "object")
        for (const [k, v] of Object.entries(node)) {
          if (!k.startsWith("@")) prefixes.add(k.split(":")[0]);
          if (k === "@type" && typeof v === "string") prefixes.add(v.split(":")[0]);
          walk(v);
        }
    };
    walk({ ...doc, "@context": undefined });
    for (const p of prefixes) expect(context[p], `prefix ${p}`).toBeTruthy();

    expect(doc["@type"]).toBe("dcat:Catalog");
    for (const key of ["dct:title", "dct:description", "dct:publisher", "dcat:dataset", "dct:modified", "dct:license"])
      expect(doc[key], key).toBeTruthy();
    expect(doc["dct:publisher"]["foaf:name"]).toBe("Region Hannover");
    const datasets = doc["dcat:dataset"] as Array<Record<string, any>>;
    expect(datasets.map((d) => d["dct:identifier"]).sort()).toEqual([
      "bauantrag-vollstaendigkeit",
      "buergeramt-termin",
      "telefon-erreichbarkeit",
    ]);
    for (const d of datasets) {
      expect(d["@type"]).toBe("dcat:Dataset");
      for (const key of ["dct:title", "dct:description", "dct:publisher", "dcatde:contributorID", "dcat:theme", "dct:modified"])
        expect(d[key], key).toBeTruthy();
      const distributions = d["dcat:distribution"] as Array<Record<string, any>>;
      expect(distributions.map((x) => x["dct:format"]["@id"].split("/").pop())).toEqual(["CSV", "CSV", "JSON"]);
      for (const x of distributions) {
        expect(x["@type"]).toBe("dcat:Distribution");
        expect(x["dcat:accessURL"]["@id"]).toMatch(/^http.*\/opendata\/values(-excel)?\.(csv|json)$/);
        expect(x["dct:license"]["@id"]).toBe("http://dcat-ap.de/def/licenses/dl-by-de/2.0");
        expect(x["dcatde:licenseAttributionByText"]).toContain("Region Hannover");
        expect(x["dct:modified"]["@value"]).toMatch(/^\d{4}-\d\d-\d\d$/);
      }
    }
  });

  it("sends an ETag and answers 304 while nothing changed; a new comment changes it", async () => {
    const first = await get("/opendata/values.json");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    const again = await get("/opendata/values.json", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    // Compared weakly: the tag a compressing proxy made weak, one of several, or any.
    expect((await get("/opendata/values.json", { "if-none-match": `W/${etag}` })).statusCode).toBe(304);
    expect((await get("/opendata/values.json", { "if-none-match": `"other", ${etag}` })).statusCode).toBe(304);
    expect((await get("/opendata/values.json", { "if-none-match": "*" })).statusCode).toBe(304);
    expect((await get("/opendata/values.json", { "if-none-match": '"other"' })).statusCode).toBe(200);
    const [value] = (await portalOf(wunstorfId)).find((s) => s.key === "bauantrag-vollstaendigkeit")!.values;
    await reporter.request({
      method: "PUT",
      url: `/api/v1/submissions/${value.id}/reply`,
      payload: { text: "Neuer Text", basedOnVersion: null },
    });
    const changed = await get("/opendata/values.json", { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describe("the embargo", () => {
  it("keeps a validated value out of the portal, its counts and every file until its publication day, and shows it from then", async () => {
    const count = await wunstorfCount();
    expect(await portalIds(wunstorfId)).not.toContain(embargoed.id);
    const csvBefore = await csvIds();
    const matches = (r: Record<string, string>) =>
      r.ags === "03241021" && r.standard === "telefon-erreichbarkeit" && r.zeitraum === embargoed.period;
    expect(csvBefore.filter(matches)).toEqual([]);
    const jsonBefore = (await get("/opendata/values.json")).json().values as Array<Record<string, unknown>>;
    expect(
      jsonBefore.filter((v) => v.ags === "03241021" && v.zeitraum === embargoed.period && v.standard === "telefon-erreichbarkeit"),
    ).toEqual([]);
    const etagBefore = (await get("/opendata/values.csv")).headers.etag;

    // Its day comes: the publication day is today (the state stays `validated` until the job runs; reads decide by the day).
    await t.database.db.execute(sql`UPDATE submissions SET publish_on = ${today()} WHERE id = ${embargoed.id}`);

    expect(await portalIds(wunstorfId)).toContain(embargoed.id);
    expect(await wunstorfCount()).toBe(count + 1);
    expect((await csvIds()).filter(matches)).toHaveLength(1);
    const jsonAfter = (await get("/opendata/values.json")).json().values as Array<Record<string, unknown>>;
    expect(
      jsonAfter.filter((v) => v.ags === "03241021" && v.zeitraum === embargoed.period && v.standard === "telefon-erreichbarkeit"),
    ).toEqual([expect.objectContaining({ wert: embargoed.value })]);
    // A client holding the old file gets the new one.
    expect((await get("/opendata/values.csv", { "if-none-match": String(etagBefore) })).statusCode).toBe(200);
  });
});

describe("a correction of a published value", () => {
  it("leaves the published version in public until the correction itself is published, also when it is sent back", async () => {
    const coordination = await t.signIn("koordination@region-hannover.demo");
    const phone = (await portalOf(wunstorfId)).find((s) => s.key === "telefon-erreichbarkeit")!;
    const old = phone.values[2];
    const countBefore = await wunstorfCount();
    const { rows } = await t.database.db.execute(sql`SELECT numerator, denominator FROM submissions WHERE id = ${old.id}`);
    const { numerator, denominator } = rows[0] as { numerator: number; denominator: number };
    const publicView = async () => {
      const portal = (await portalOf(wunstorfId)).find((s) => s.key === "telefon-erreichbarkeit")!.values;
      const csv = (await csvIds()).filter(
        (r) => r.ags === "03241021" && r.standard === "telefon-erreichbarkeit" && r.zeitraum === old.period,
      );
      const evaluation = (await get(`/api/v1/evaluations?standard=${f.phone}&period=${old.period}`)).json() as {
        administrations: Array<{ organizationId: string; value: number | null }>;
      };
      return {
        portal: portal.filter((v) => v.period === old.period).map((v) => v.method),
        csv: csv.map((r) => r.methode),
        evaluated: evaluation.administrations.find((a) => a.organizationId === wunstorfId)!.value,
        count: await wunstorfCount(),
      };
    };
    const unchanged = { portal: [old.method], csv: [old.method], evaluated: old.value, count: countBefore };
    const correct = async (method: string) => {
      const res = await reporter.request({
        method: "POST",
        url: `/api/v1/submissions/${old.id}/corrections`,
        payload: { value: old.value, numerator, denominator, method, confidence: "high", reason: "Methode genauer beschrieben" },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };

    // Submitted, waiting for validation: the public still sees the published version.
    const sentBack = await correct("Auswertung der Telefonanlage (korrigiert)");
    expect(await publicView()).toEqual(unchanged);
    // Sent back: the correction is the administration's draft again; the published version stays public.
    const returned = await coordination.request({
      method: "POST",
      url: `/api/v1/submissions/${sentBack}/return`,
      payload: { comment: "Bitte die Quelle nennen" },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await publicView()).toEqual(unchanged);

    // Resubmitted and validated with a publication day ahead: still the old version (the correction's embargo).
    const resubmitted = await reporter.request({ method: "POST", url: `/api/v1/submissions/${sentBack}/submit` });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    const ahead = new Date(Date.parse(`${today()}T12:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    const validated = await coordination.request({
      method: "POST",
      url: `/api/v1/submissions/${sentBack}/validate`,
      payload: { publishOn: ahead },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    expect(await publicView()).toEqual(unchanged);

    // Its day comes: the correction takes the old version's place, once.
    await t.database.db.execute(sql`UPDATE submissions SET publish_on = ${today()} WHERE id = ${sentBack}`);
    expect(await publicView()).toEqual({
      portal: ["Auswertung der Telefonanlage (korrigiert)"],
      csv: ["Auswertung der Telefonanlage (korrigiert)"],
      evaluated: old.value,
      count: countBefore,
    });
  });
});
