/**
 * Value files through the API as the controlling uses them: download the template of a period,
 * upload a filled file (German Excel CSV, Windows-1252, XLSX by exceljs, XLSX saved by LibreOffice),
 * follow the import's progress, find the values as drafts. A file with a problem fails with every
 * problem at its line and column and writes nothing; a zip bomb is refused quickly; a too-large
 * file is refused before anything is read; another administration's import is 404.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { projectRoot } from "../../config";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { standardsFixture } from "../../../test/standards-fixture";
import { deflatedZeros, zipArchive } from "../../../test/zip-bomb";
import { parsePeriod, periodsDue } from "../../domain/standards/period";

let t: TestApp;
let reporter: Client;
let garbsen: Client;
let employee: Client;
let f: Awaited<ReturnType<typeof standardsFixture>>;

const S = "/api/v1/submissions";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const fixture = (name: string) => readFileSync(path.join(projectRoot, "test", "fixtures", "standards", name));

/** A multipart/form-data request with one file part, as a browser's form sends it. */
function upload(c: Client, fileName: string, bytes: Uint8Array, type = "application/octet-stream", field = "file") {
  const boundary = `----verbund${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return c.request({
    method: "POST",
    url: `${S}/import`,
    payload,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

interface ImportView {
  id: string;
  state: "running" | "done" | "failed";
  rowsTotal: number;
  rowsDone: number;
  problems: Array<{ line: number | null; column: string | null; field: string | null; rule: string; message: { de: string; en: string } }>;
}

/** Uploads a file and follows the import until it is finished (as the page polls it). */
async function imported(c: Client, fileName: string, bytes: Uint8Array, type?: string): Promise<ImportView> {
  const res = await upload(c, fileName, bytes, type);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.headers.location).toBe(`${S}/imports/${res.json().id}`);
  for (let i = 0; i < 600; i++) {
    const view = await c.request({ method: "GET", url: res.headers.location as string });
    expect(view.statusCode, view.body).toBe(200);
    if (view.json().state !== "running") return view.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the import did not finish");
}

/** Wunstorf's current values of 2026-Q3 and its months, by standard key and period. */
async function wunstorfQ3() {
  const { rows } = await t.database.db.execute(
    sql`SELECT st.key, s.period, s.value, s.state, s.source, (s.import_id IS NOT NULL) AS from_import
        FROM submissions s JOIN organizations o ON o.id = s.organization_id JOIN service_standards st ON st.id = s.standard_id
        WHERE o.name = 'Wunstorf' AND s.period IN ('2026-07', '2026-08', '2026-09', '2026-Q3') AND s.replaced_by_id IS NULL
        ORDER BY st.key, s.period`,
  );
  return rows as Array<{ key: string; period: string; value: number; state: string; source: string; from_import: boolean }>;
}

/**
 * The committed fixtures were written for the reader against an earlier catalogue: the appointment
 * standard is keyed `buergeramt-termin` today and telephone reachability is reported monthly.
 * Only those ASCII words are replaced; encoding, byte order mark, quoting and the rest stay.
 */
function forCatalogue(bytes: Buffer): Buffer {
  const text = bytes
    .toString("latin1")
    .replace(/termin-buergerbuero/g, "buergeramt-termin")
    .replace(/(telefon-erreichbarkeit;[^\r\n]*?)2026-Q3/, "$109/2026")
    .replace(/(buergeramt-termin;)2026-Q3/, "$109/2026");
  return Buffer.from(text, "latin1");
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 8 }) });
  f = await standardsFixture(t.database.db);
  // The fixtures report 2026-Q3 and its months: Wunstorf's demo values of them make room.
  await t.database.db.execute(
    sql`DELETE FROM submissions WHERE period IN ('2026-07', '2026-08', '2026-09', '2026-Q3')
        AND organization_id = (SELECT id FROM organizations WHERE name = 'Wunstorf')`,
  );
  [reporter, garbsen, employee] = await Promise.all(
    ["controlling@wunstorf.demo", "personal@garbsen.demo", "mitarbeiterin@wunstorf.demo"].map((l) => t.signIn(l)),
  );
});
afterAll(async () => t?.close());

describe("the template", () => {
  it("is the administration's file of a period, as CSV and XLSX, with a German file name", async () => {
    const csv = await reporter.request({ method: "GET", url: `${S}/template?period=${f.quarter}&format=csv` });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="Meldung-Wunstorf-${f.quarter}.csv"`);
    const text = csv.body;
    expect(text).toContain("Vorlage für die Meldung von Wunstorf");
    // Each applicable standard with each period due: a monthly one for the quarter's three months.
    const months = periodsDue(parsePeriod(f.quarter)!, "month").map((p) => p.text);
    const lines = text.split("\r\n").filter((l) => l.startsWith("telefon-erreichbarkeit;"));
    expect(lines.map((l) => l.split(";")[3])).toEqual(months);
    expect(text).toContain(`bauantrag-vollstaendigkeit;`);

    const xlsx = await reporter.request({ method: "GET", url: `${S}/template?period=${f.quarter}&format=xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(XLSX);
    expect(xlsx.headers["content-disposition"]).toBe(`attachment; filename="Meldung-Wunstorf-${f.quarter}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const keys: string[] = [];
    book.getWorksheet("Werte")!.eachRow((row, n) => n > 1 && keys.push(String(row.getCell(1).value)));
    expect(keys.filter((k) => k === "telefon-erreichbarkeit")).toHaveLength(3);
  });

  it("leaves out the values submitted already (a file cannot change them) and says how many, so a filled template does not fail on them", async () => {
    // Wunstorf's demo values of the second quarter are submitted or later.
    const { rows } = await t.database.db.execute(
      sql`SELECT st.key, s.period, s.state FROM submissions s JOIN organizations o ON o.id = s.organization_id
          JOIN service_standards st ON st.id = s.standard_id
          WHERE o.name = 'Wunstorf' AND s.period IN ('2026-04', '2026-05', '2026-06', '2026-Q2') AND s.replaced_by_id IS NULL AND s.state <> 'draft'`,
    );
    const submitted = (rows as Array<{ key: string; period: string }>).map((r) => `${r.key};${r.period}`);
    expect(submitted.length).toBeGreaterThan(0);
    const csv = await reporter.request({ method: "GET", url: `${S}/template?period=2026-Q2&format=csv` });
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.split("\r\n").filter((l) => l && !l.startsWith("#") && !l.startsWith("\uFEFF#") && !l.startsWith("Standard;"));
    const listed = lines.map((l) => `${l.split(";")[0]};${l.split(";")[3]}`);
    expect(listed.filter((l) => submitted.includes(l))).toEqual([]);
    expect(csv.body).toContain(`${submitted.length} Werte dieses Zeitraums sind schon eingereicht und fehlen deshalb in der Vorlage`);
    const xlsx = await reporter.request({ method: "GET", url: `${S}/template?period=2026-Q2&format=xlsx` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const inBook: string[] = [];
    book.getWorksheet("Werte")!.eachRow((row, n) => n > 1 && inBook.push(`${row.getCell(1).value};${row.getCell(4).value}`));
    expect(inBook).toEqual(listed);
  });

  it("refuses a period that is no period, naming it, and is only for those who report", async () => {
    const wrong = await reporter.request({ method: "GET", url: `${S}/template?period=2026-13&format=csv` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual(["period"]);
    const other = await reporter.request({ method: "GET", url: `${S}/template?period=${f.quarter}&format=pdf` });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors.map((e: { field: string }) => e.field)).toEqual(["format"]);
    const clerk = await employee.request({ method: "GET", url: `${S}/template?period=${f.quarter}&format=csv` });
    expect(clerk.statusCode).toBe(403);
  });
});

describe("the import of a file", () => {
  it("imports a German Excel CSV as drafts of the administration, with its progress done and the file's import recorded", async () => {
    const view = await imported(reporter, "excel-de-2026-q3.csv", forCatalogue(fixture("excel-de-2026-q3.csv")), "text/csv");
    expect(view.problems).toEqual([]);
    expect(view).toMatchObject({ state: "done", rowsTotal: 4, rowsDone: 4 });
    expect(await wunstorfQ3()).toEqual([
      { key: "bauantrag-vollstaendigkeit", period: "2026-Q3", value: 18, state: "draft", source: "upload", from_import: true },
      { key: "buergeramt-termin", period: "2026-08", value: 12, state: "draft", source: "upload", from_import: true },
      { key: "buergeramt-termin", period: "2026-09", value: 9.25, state: "draft", source: "upload", from_import: true },
      { key: "telefon-erreichbarkeit", period: "2026-09", value: 78.5, state: "draft", source: "upload", from_import: true },
    ]);
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'submission_import' AND entity_id = ${view.id}`,
    );
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it("imports a Windows-1252 file (umlauts and the dash of German Excel kept)", async () => {
    const view = await imported(reporter, "windows-1252.csv", forCatalogue(fixture("windows-1252.csv")));
    expect(view.problems).toEqual([]);
    expect(view).toMatchObject({ state: "done", rowsDone: 2 });
    const { rows } = await t.database.db.execute(
      sql`SELECT s.method, s.explained_warnings FROM submissions s JOIN service_standards st ON st.id = s.standard_id
          WHERE s.import_id = ${view.id} AND st.key = 'buergeramt-termin'`,
    );
    expect(rows[0]).toMatchObject({ method: "Zählung im Bürgerbüro" });
  });

  it("imports an XLSX written by exceljs, and replaces the drafts an earlier file left", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Werte");
    sheet.addRow(["Standard", "Zeitraum", "Wert", "Zähler", "Nenner", "Methode", "Verlässlichkeit", "Begründung"]);
    sheet.addRow(["telefon-erreichbarkeit", "09/2026", 80, 1600, 2000, "Telefonanlage", "hoch", ""]);
    sheet.addRow([
      "bauantrag-vollstaendigkeit",
      "3. Quartal 2026",
      17,
      null,
      null,
      "Fachverfahren",
      "mittel",
      "Umstellung des Fachverfahrens",
    ]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const view = await imported(reporter, "werte.xlsx", bytes, XLSX);
    expect(view.problems).toEqual([]);
    expect(view).toMatchObject({ state: "done", rowsDone: 2 });
    const now = await wunstorfQ3();
    expect(now.find((r) => r.key === "telefon-erreichbarkeit")).toMatchObject({ value: 80, state: "draft" });
    expect(now.find((r) => r.key === "bauantrag-vollstaendigkeit")).toMatchObject({ value: 17, state: "draft" });
    expect(now.filter((r) => r.key === "telefon-erreichbarkeit")).toHaveLength(1);
  });

  it("checks the committed LibreOffice XLSX against the catalogue: fails naming its rows and columns, and writes nothing", async () => {
    const before = await wunstorfQ3();
    const view = await imported(reporter, "libreoffice-2026-q3.xlsx", fixture("libreoffice-2026-q3.xlsx"), XLSX);
    expect(view.state).toBe("failed");
    // Row 3 names the appointment standard by its old key; rows 2 and 4 are fine for the reader.
    expect(view.problems.map((p) => [p.line, p.column, p.rule])).toEqual([[3, "Standard", "unknown_standard"]]);
    expect(view.problems[0].message.de).toContain("termin-buergerbuero");
    expect(view.rowsDone).toBe(0);
    expect(await wunstorfQ3()).toEqual(before);
  });

  it("fails a file with 20 errors with all 20, each with line and column, and writes nothing", async () => {
    const before = await wunstorfQ3();
    const view = await imported(reporter, "zwanzig-fehler.csv", fixture("zwanzig-fehler.csv"), "text/csv");
    expect(view.state).toBe("failed");
    expect(view.problems).toHaveLength(20);
    for (const p of view.problems) {
      expect(p.line).toBeGreaterThan(1);
      expect(p.message.de.length).toBeGreaterThan(5);
      expect(p.message.en.length).toBeGreaterThan(5);
    }
    expect(view.problems.filter((p) => p.column !== null).length).toBeGreaterThan(15);
    expect(await wunstorfQ3()).toEqual(before);
  });

  it("fails a file whose values break the checks (errors and unexplained warnings) at their lines, writing none of its good lines", async () => {
    const before = await wunstorfQ3();
    const csv = [
      "Standard;Zeitraum;Wert;Zähler;Nenner;Methode;Verlässlichkeit;Begründung",
      "telefon-erreichbarkeit;08/2026;81;810;1.000;Telefonanlage;hoch;",
      "telefon-erreichbarkeit;07/2026;120;;;Telefonanlage;hoch;",
      `telefon-erreichbarkeit;${f.month.slice(5)}/${f.month.slice(0, 4)};81;810;1.000;Telefonanlage;hoch;`,
      `bauantrag-vollstaendigkeit;${parsePeriod(f.quarter)!.index + 1}. Quartal ${f.quarter.slice(0, 4)};18;;;Fachverfahren;hoch;`,
    ].join("\r\n");
    const view = await imported(reporter, "werte.csv", new TextEncoder().encode(csv), "text/csv");
    expect(view.state).toBe("failed");
    const at = view.problems.map((p) => `${p.line}:${p.column}:${p.rule}`);
    expect(at).toContain("3:Wert:range_percent");
    // The quarter after the last closed one is still running.
    expect(at).toContain("5:Zeitraum:period_not_ended");
    expect(await wunstorfQ3()).toEqual(before);
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submissions WHERE import_id = ${view.id}`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("names a line for a period submitted already only for that, not for its plausibility warnings (it cannot be written anyway)", async () => {
    // Wunstorf's value of the first month of the previous quarter is submitted (the demo's); the last closed month is due.
    const submitted = periodsDue(parsePeriod(f.previousQuarter)!, "month")[0].text;
    const german = (p: string) => `${p.slice(5)}/${p.slice(0, 4)}`;
    const csv = [
      "Standard;Zeitraum;Wert;Methode",
      `telefon-erreichbarkeit;${german(submitted)};5;Telefonanlage`,
      `telefon-erreichbarkeit;${german(f.month)};5;Telefonanlage`,
    ].join("\r\n");
    const view = await imported(reporter, "werte.csv", new TextEncoder().encode(csv), "text/csv");
    expect(view.state).toBe("failed");
    const at = view.problems.map((p) => `${p.line}:${p.column}:${p.rule}`);
    // The same value in a period still open does stand out: there the warning asks for a reason.
    expect(at.filter((p) => p.startsWith("3:"))).toContain("3:Begründung:jump");
    expect(at.filter((p) => p.startsWith("2:"))).toEqual(["2:Zeitraum:already_submitted"]);
  });

  it("refuses a zip bomb disguised as XLSX within 2 s, and writes nothing", async () => {
    const kernel = deflatedZeros(1024);
    const bomb = zipArchive(
      ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"].map((name) => ({ name, data: kernel, declared: 1024 ** 3 })),
    );
    const start = performance.now();
    const view = await imported(reporter, "werte.xlsx", bomb, XLSX);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(view.state).toBe("failed");
    expect(view.problems.map((p) => p.rule)).toEqual(["zip_bomb"]);
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submissions WHERE import_id = ${view.id}`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("refuses a file over the upload limit with a problem naming the rule, before anything is recorded", async () => {
    const small = await buildTestApp({ database: t.database, config: { standardsUploadLimitBytes: 1024 } });
    try {
      const c = await small.signIn("controlling@wunstorf.demo");
      const { rows: before } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_imports`);
      const res = await upload(c, "gross.csv", new Uint8Array(4096).fill(0x41), "text/csv");
      expect(res.statusCode).toBe(413);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors).toEqual([expect.objectContaining({ field: "file", rule: "file_too_large" })]);
      expect(res.json().errors[0].message.de).toContain("größer als");
      // No second, contradicting figure: the title does not name the 1 MB limit of JSON bodies.
      expect(res.json().title).toBe("Die Anfrage ist zu groß.");
      expect(res.json().detail).toMatch(/^Die Datei ist zu groß\. file: Die Datei ist größer als/);
      const { rows: after } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_imports`);
      expect(after).toEqual(before);
      // The page tells the limit the server keeps, not a figure of its own.
      const sheet = await c.request({ method: "GET", url: `${S}/sheet` });
      expect(sheet.json().uploadLimitBytes).toBe(1024);
    } finally {
      await small.app.close();
    }
  });

  it("refuses a request without a file, and one that is not a form upload, with a problem (never 5xx)", async () => {
    const json = await reporter.request({ method: "POST", url: `${S}/import`, payload: { file: "x" } });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0]).toMatchObject({ field: "body", rule: "unexpected_body" });
    const raw = await reporter.request({
      method: "POST",
      url: `${S}/import`,
      payload: "Standard;Wert",
      headers: { "content-type": "text/csv" },
    });
    expect(raw.statusCode).toBe(415);
    expect(raw.headers["content-type"]).toContain("application/problem+json");
    const wrongField = await upload(reporter, "werte.csv", new TextEncoder().encode("x"), "text/csv", "datei");
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().errors[0]).toMatchObject({ field: "file", rule: "required" });
  });

  it("refuses a form with two files or more parts than a form of one file, naming what is wrong (not the size), and records nothing", async () => {
    const boundary = "----verbundparts";
    const part = (name: string, body: string, fileName?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"` : ""}\r\n\r\n${body}\r\n`;
    const send = (parts: string[]) =>
      reporter.request({
        method: "POST",
        url: `${S}/import`,
        payload: parts.join("") + `--${boundary}--\r\n`,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
    const csv = "Standard;Zeitraum;Wert\r\n";
    const { rows: before } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_imports`);
    const twoFiles = await send([part("file", csv, "eins.csv"), part("file", csv, "zwei.csv")]);
    expect(twoFiles.statusCode, twoFiles.body).toBe(400);
    expect(twoFiles.json().errors).toEqual([expect.objectContaining({ field: "file", rule: "one_file" })]);
    const manyFields = await send([...Array.from({ length: 8 }, (_, i) => part(`feld${i}`, "x")), part("file", csv, "werte.csv")]);
    expect(manyFields.statusCode, manyFields.body).toBe(400);
    expect(manyFields.json().errors).toEqual([expect.objectContaining({ field: "file", rule: "too_many_parts" })]);
    expect(manyFields.body).not.toContain("größer als");
    const { rows: after } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_imports`);
    expect(after).toEqual(before);
  });

  it("keeps a file name with control characters (a NUL byte) without them instead of refusing the upload", async () => {
    const view = await imported(reporter, "werte\u0000\u0007.csv", new TextEncoder().encode("Standard;Zeitraum;Wert\r\n"), "text/csv");
    const { rows } = await t.database.db.execute(sql`SELECT file_name FROM submission_imports WHERE id = ${view.id}`);
    expect(rows).toEqual([{ file_name: "werte.csv" }]);
  });

  it("fails a file whose method or reason is longer than the form and the API allow, at its line and column", async () => {
    const long = (n: number) => "x".repeat(n);
    const csv = [
      "Standard;Zeitraum;Wert;Methode;Begründung",
      `telefon-erreichbarkeit;09/2026;80;${long(1001)};`,
      `telefon-erreichbarkeit;08/2026;80;Telefonanlage;${long(2001)}`,
      `telefon-erreichbarkeit;07/2026;80;${long(1000)};${long(2000)}`,
    ].join("\r\n");
    const view = await imported(reporter, "lang.csv", new TextEncoder().encode(csv), "text/csv");
    expect(view.state).toBe("failed");
    expect(view.problems.map((p) => `${p.line}:${p.column}:${p.rule}`)).toEqual(["2:Methode:too_long", "3:Begründung:too_long"]);
    expect(view.problems[0].message.de).toContain("höchstens 1.000");
  });

  it("shows an import only to its administration: another's id is 404, and someone who does not report may not upload", async () => {
    const view = await imported(reporter, "zwanzig-fehler.csv", fixture("zwanzig-fehler.csv"), "text/csv");
    const foreign = await garbsen.request({ method: "GET", url: `${S}/imports/${view.id}` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain("zwanzig");
    const res = await upload(employee, "werte.csv", new TextEncoder().encode("Standard;Zeitraum;Wert\r\n"), "text/csv");
    expect(res.statusCode).toBe(403);
  });
});

describe.skipIf(testDatabaseKind !== "postgres")("imports at once (PostgreSQL)", () => {
  it("two imports of the same periods at once: the one-current-value rule holds, neither answers 5xx", async () => {
    const csv = new TextEncoder().encode(
      [
        "Standard;Zeitraum;Wert;Zähler;Nenner;Methode;Begründung",
        "bauantrag-vollstaendigkeit;2026-Q3;18;;;Fachverfahren;Umstellung des Fachverfahrens",
      ].join("\r\n"),
    );
    const started = await Promise.all([0, 1, 2].map(() => upload(reporter, "werte.csv", csv, "text/csv")));
    expect(started.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    const views: ImportView[] = [];
    for (const s of started) {
      for (;;) {
        const v = (await reporter.request({ method: "GET", url: s.headers.location as string })).json() as ImportView;
        if (v.state !== "running") {
          views.push(v);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(views.filter((v) => v.state === "done").length, JSON.stringify(views)).toBeGreaterThanOrEqual(1);
    for (const v of views.filter((v) => v.state === "failed")) expect(v.problems.map((p) => p.rule)).toEqual(["concurrent_change"]);
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM submissions s JOIN service_standards st ON st.id = s.standard_id
          WHERE st.key = 'bauantrag-vollstaendigkeit' AND s.period = '2026-Q3' AND s.replaced_by_id IS NULL
          AND s.organization_id = (SELECT id FROM organizations WHERE name = 'Wunstorf')`,
    );
    expect((rows[0] as { n: number }).n).toBe(1);
  });
});
