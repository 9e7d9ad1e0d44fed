/**
 * The committed `.xlsx` saved by a real spreadsheet program (LibreOffice Calc 7.4, headless, from a
 * German CSV) imported end to end through the API (#17). The file was saved against the catalogue
 * of its day — telephone reachability reported by quarter, the appointment standard keyed
 * `termin-buergerbuero` — and is not re-saved by a library (that is its point). So the test sets up
 * that catalogue: a version of the telephone standard reported by quarter and a standard with the
 * old key; then the file's three lines become Wunstorf's drafts with every cell as the program
 * saved it (numeric cells, a comma inside a text, the reason of a warning).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { projectRoot } from "../../config";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { standardsFixture } from "../../../test/standards-fixture";

let t: TestApp;
let reporter: Client;

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function upload(c: Client, fileName: string, bytes: Uint8Array) {
  const boundary = "----verbund-tabelle";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return c.request({
    method: "POST",
    url: "/api/v1/submissions/import",
    payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase() });
  await standardsFixture(t.database.db);
  const db = t.database.db;
  // The file reports 2026-Q3: Wunstorf's values of it make room.
  await db.execute(
    sql`DELETE FROM submissions WHERE period IN ('2026-07', '2026-08', '2026-09', '2026-Q3')
        AND organization_id = (SELECT id FROM organizations WHERE name = 'Wunstorf')`,
  );
  // The catalogue the file was saved against: telephone reachability by quarter (a new version),
  // the appointment standard under its old key (a copy of today's, by quarter).
  await db.execute(sql`
    CREATE TEMP TABLE old_catalogue AS
      SELECT v.* FROM service_standard_versions v JOIN service_standards s ON s.id = v.standard_id
      WHERE s.key IN ('telefon-erreichbarkeit', 'buergeramt-termin')
        AND v.version = (SELECT max(version) FROM service_standard_versions WHERE standard_id = s.id)`);
  await db.execute(sql`
    INSERT INTO service_standards (id, region_id, key)
      SELECT gen_random_uuid(), region_id, 'termin-buergerbuero' FROM service_standards WHERE key = 'buergeramt-termin'`);
  await db.execute(sql`
    UPDATE old_catalogue o SET id = gen_random_uuid(), periodicity = 'quarter', valid_from = '2026-01-01', valid_to = NULL,
      is_proposal = false, change_note = 'Wie 2026 vereinbart: vierteljährlich gemeldet',
      version = CASE WHEN s.key = 'telefon-erreichbarkeit' THEN o.version + 1 ELSE 1 END,
      standard_id = CASE WHEN s.key = 'telefon-erreichbarkeit' THEN o.standard_id
        ELSE (SELECT id FROM service_standards WHERE key = 'termin-buergerbuero' AND region_id = o.region_id) END
    FROM service_standards s WHERE s.id = o.standard_id`);
  await db.execute(sql`INSERT INTO service_standard_versions SELECT * FROM old_catalogue`);
  reporter = await t.signIn("controlling@wunstorf.demo");
});
afterAll(async () => t?.close());

describe("the LibreOffice XLSX fixture", () => {
  it("is imported through the API as Wunstorf's drafts, every cell as the spreadsheet program saved it", async () => {
    const bytes = readFileSync(path.join(projectRoot, "test", "fixtures", "standards", "libreoffice-2026-q3.xlsx"));
    const res = await upload(reporter, "libreoffice-2026-q3.xlsx", bytes);
    expect(res.statusCode, res.body).toBe(202);
    let view = res.json() as { state: string; rowsDone: number; problems: unknown[] };
    for (let i = 0; i < 600 && view.state === "running"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await reporter.request({ method: "GET", url: res.headers.location as string })).json();
    }
    expect(view.problems).toEqual([]);
    expect(view).toMatchObject({ state: "done", rowsDone: 3 });
    const { rows } = await t.database.db.execute(
      sql`SELECT st.key, s.period, s.value, s.numerator, s.denominator, s.method, s.confidence, s.state, s.source,
            (SELECT array_agg((w->>'rule') || ': ' || (w->>'reason') ORDER BY w->>'rule') FROM jsonb_array_elements(s.explained_warnings) w) AS reasons, v.version
          FROM submissions s JOIN service_standards st ON st.id = s.standard_id
            JOIN service_standard_versions v ON v.id = s.standard_version_id
          WHERE s.import_id = ${(res.json() as { id: string }).id} ORDER BY st.key`,
    );
    expect(rows).toEqual([
      {
        key: "bauantrag-vollstaendigkeit",
        period: "2026-Q3",
        value: 18,
        numerator: null,
        denominator: null,
        method: "Fachverfahren",
        confidence: "low",
        state: "draft",
        source: "upload",
        reasons: ["jump: Umstellung des Fachverfahrens im August", "median_distance: Umstellung des Fachverfahrens im August"],
        version: 1,
      },
      {
        key: "telefon-erreichbarkeit",
        period: "2026-Q3",
        value: 78.5,
        numerator: 1570,
        denominator: 2000,
        method: "Telefonanlage, Auswertung",
        confidence: "high",
        state: "draft",
        source: "upload",
        reasons: null,
        version: 2,
      },
      {
        key: "termin-buergerbuero",
        period: "2026-Q3",
        value: 9.25,
        numerator: null,
        denominator: null,
        method: "Terminsystem",
        confidence: "medium",
        state: "draft",
        source: "upload",
        reasons: null,
        version: 1,
      },
    ]);
  });
});
