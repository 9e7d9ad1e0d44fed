import { groupBy } from "../../kernel/group-by";
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { BOM, csvCell, csvRow } from "../../kernel/csv";
import { today } from "../../kernel/dates";
import { organizations } from "../organizations";
import { publicValues, type PublicValue } from "./transparency";

// The open data (`/opendata/`): every published value as CSV and JSON, and DCAT-AP.de metadata
// (JSON-LD). Built from `publicValues` (published, past the publication day, not replaced), so an
// embargoed value is in no file. Columns and properties: docs/STANDARDS.md › Open data.

/** Datenlizenz Deutschland – Namensnennung – Version 2.0, as DCAT-AP.de names it. */
export const LICENCE_URI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
export const LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)";

/** The columns of `values.csv` and the fields of `values.json`, in order, each with how it is written. */
export const OPEN_DATA_COLUMNS: ReadonlyArray<readonly [name: string, of: (v: PublicValue) => string | number | null]> = [
  ["verwaltung", (v) => v.organization],
  ["ags", (v) => v.ags],
  ["standard", (v) => v.standardKey],
  ["standard_titel", (v) => v.standardTitle],
  ["standard_titel_en", (v) => v.standardTitleEn],
  ["thema", (v) => v.theme],
  ["standard_fassung", (v) => v.standardVersion],
  ["zeitraum", (v) => v.period],
  ["zeitraum_beginn", (v) => v.periodStart],
  ["zeitraum_ende", (v) => v.periodEnd],
  ["wert", (v) => v.value],
  ["einheit", (v) => v.unit],
  ["zaehler", (v) => v.numerator],
  ["nenner", (v) => v.denominator],
  ["richtung", (v) => v.direction],
  ["zielwert", (v) => v.target],
  ["toleranz", (v) => v.tolerance],
  ["status", (v) => v.status],
  ["methode", (v) => v.method],
  ["verlaesslichkeit", (v) => v.confidence],
  ["messung", (v) => v.measurement],
  ["grundlage", (v) => v.anchor],
  ["veroeffentlicht_am", (v) => v.publishedOn],
  ["wert_fassung", (v) => v.valueVersion],
  ["korrekturgrund", (v) => v.correctionReason],
  ["stellungnahme", (v) => v.reply],
  ["stellungnahme_geaendert_am", (v) => v.replyChangedAt],
];

/**
 * One cell of the international CSV (RFC 4180: comma, double quotes): texts as every Verbund CSV
 * writes them (`csvCell`: a formula neutralised with a leading apostrophe), numbers with a decimal
 * point and never changed.
 */
export function openCsvCell(value: string | number | null): string {
  if (value === null) return "";
  return typeof value === "number" ? String(value) : csvCell(value, ",");
}

/** `values.csv`: UTF-8 with byte order mark, comma, decimal point, CRLF, a header line. */
export async function valuesCsv(db: Db): Promise<string> {
  const values = await publicValues(db);
  const lines = [OPEN_DATA_COLUMNS.map(([name]) => name).join(",")];
  for (const v of values) lines.push(OPEN_DATA_COLUMNS.map(([, of]) => openCsvCell(of(v))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * `values-excel.csv`: the same lines for a spreadsheet set to German — what Excel opens by a double
 * click in Germany: UTF-8 with byte order mark, semicolon, decimal comma, CRLF (`kernel/csv.ts`,
 * formulas neutralised as in every CSV export).
 */
export async function valuesExcelCsv(db: Db): Promise<string> {
  const values = await publicValues(db);
  const cell = (value: string | number | null) =>
    value === null ? "" : typeof value === "number" ? String(value).replace(".", ",") : value;
  const lines = [csvRow(OPEN_DATA_COLUMNS.map(([name]) => name))];
  for (const v of values) lines.push(csvRow(OPEN_DATA_COLUMNS.map(([, of]) => cell(of(v)))));
  return BOM + lines.join("");
}

/** `values.json`: the licence, the day and every value with the fields of the CSV (numbers as numbers, empty as null). */
export async function valuesJson(db: Db): Promise<string> {
  const values = await publicValues(db);
  return JSON.stringify({
    licence: { name: LICENCE_NAME, uri: LICENCE_URI, attribution: await attribution(db) },
    asOf: today(),
    columns: OPEN_DATA_COLUMNS.map(([name]) => name),
    values: values.map((v) => Object.fromEntries(OPEN_DATA_COLUMNS.map(([name, of]) => [name, of(v)]))),
  });
}

/** The publisher: the region's own administration (its name), else "Verbund". */
async function publisherName(db: Db): Promise<string> {
  const [region] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.kind, "region")).limit(1);
  return region?.name ?? "Verbund";
}

async function attribution(db: Db): Promise<string> {
  return `${await publisherName(db)}, Leistungsstandards der Verwaltungen (Verbund), ${LICENCE_NAME}`;
}

/** The newest day anything published changed: the latest publication day or comment (`dct:modified`). */
function modifiedOf(values: PublicValue[]): string {
  let latest = "";
  for (const v of values) {
    if (v.publishedOn > latest) latest = v.publishedOn;
    const replied = v.replyChangedAt?.slice(0, 10);
    if (replied && replied > latest) latest = replied;
  }
  return latest || today();
}

/**
 * `catalog.jsonld`: DCAT-AP.de metadata. A `dcat:Catalog` (title, description, publisher, datasets,
 * modified, language, homepage, licence) with a `dcat:Dataset` per standard that has published
 * values (title, description, publisher, contributor id, theme, keywords, modified, distributions),
 * each with a `dcat:Distribution` per format (CSV, CSV for German Excel, JSON: access and download URL, media type,
 * format, licence with attribution text, modified). The files hold every standard's values; a
 * dataset's distributions point to them (filter by the column `standard`).
 */
export async function catalogJsonLd(db: Db, baseUrl: string): Promise<string> {
  const base = baseUrl.replace(/\/+$/, "");
  const values = await publicValues(db);
  const publisher = { "@type": "foaf:Agent", "foaf:name": await publisherName(db) };
  const licence = { "@id": LICENCE_URI };
  const attributionText = await attribution(db);
  const byStandard = groupBy(values, (v) => v.standardKey);
  const formats = [
    { file: "values.csv", mediaType: "text/csv", format: "CSV", title: "CSV" },
    { file: "values-excel.csv", mediaType: "text/csv", format: "CSV", title: "CSV für Excel: Semikolon, Dezimalkomma" },
    { file: "values.json", mediaType: "application/json", format: "JSON", title: "JSON" },
  ];
  const datasets = [...byStandard.entries()].map(([key, vs]) => {
    const v = vs[0];
    const modified = modifiedOf(vs);
    return {
      "@id": `${base}/opendata/catalog.jsonld#${key}`,
      "@type": "dcat:Dataset",
      "dct:identifier": key,
      "dct:title": [
        { "@language": "de", "@value": `Leistungsstandard: ${v.standardTitle}` },
        { "@language": "en", "@value": `Service standard: ${v.standardTitleEn}` },
      ],
      "dct:description": [
        {
          "@language": "de",
          "@value": `Veröffentlichte Werte der Verwaltungen zum Leistungsstandard „${v.standardTitle}“ mit Zielwert, Toleranz, Status, Messmethode und Stellungnahme der Verwaltung. Grundlage: ${v.anchor}. Messung: ${v.measurement}`,
        },
        {
          "@language": "en",
          "@value": `Published values of the administrations for the service standard "${v.standardTitleEn}" with target, tolerance, status, method of measurement and the administration's comment.`,
        },
      ],
      "dct:publisher": publisher,
      "dcatde:contributorID": { "@id": "http://dcat-ap.de/def/contributors/verbund" },
      "dcat:theme": { "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE" },
      "dcat:keyword": ["Leistungsstandard", "Verwaltung", v.theme, key],
      "dct:modified": { "@type": "xsd:date", "@value": modified },
      "dct:license": licence,
      "dcat:landingPage": { "@id": `${base}/transparenz` },
      "dcat:distribution": formats.map((f) => ({
        "@id": `${base}/opendata/${f.file}#${key}`,
        "@type": "dcat:Distribution",
        "dct:title": `${v.standardTitle} (${f.title})`,
        "dcat:accessURL": { "@id": `${base}/opendata/${f.file}` },
        "dcat:downloadURL": { "@id": `${base}/opendata/${f.file}` },
        "dcat:mediaType": { "@id": `https://www.iana.org/assignments/media-types/${f.mediaType}` },
        "dct:format": { "@id": `http://publications.europa.eu/resource/authority/file-type/${f.format}` },
        "dct:license": licence,
        "dcatde:licenseAttributionByText": attributionText,
        "dct:modified": { "@type": "xsd:date", "@value": modified },
      })),
    };
  });
  return JSON.stringify({
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      dcatde: "http://dcat-ap.de/def/dcatde/",
      foaf: "http://xmlns.com/foaf/0.1/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${base}/opendata/catalog.jsonld`,
    "@type": "dcat:Catalog",
    "dct:title": [
      { "@language": "de", "@value": "Leistungsstandards der Verwaltungen – offene Daten" },
      { "@language": "en", "@value": "Service standards of the administrations – open data" },
    ],
    "dct:description": [
      {
        "@language": "de",
        "@value":
          "Die veröffentlichten Werte der Verwaltungen zu den gemeinsamen Leistungsstandards der Region: je Standard ein Datensatz, als CSV und JSON.",
      },
      {
        "@language": "en",
        "@value":
          "The published values of the administrations for the region's common service standards: a dataset per standard, as CSV and JSON.",
      },
    ],
    "dct:publisher": publisher,
    "dct:modified": { "@type": "xsd:date", "@value": modifiedOf(values) },
    "dct:language": [{ "@id": "http://publications.europa.eu/resource/authority/language/DEU" }],
    "foaf:homepage": { "@id": `${base}/transparenz` },
    "dct:license": licence,
    "dcat:dataset": datasets,
  });
}

/**
 * Sends a public file with its ETag (a hash of its bytes): a client that has it already gets 304.
 * The ETag changes with every published value, correction or comment.
 */
export function openDataEtag(request: FastifyRequest, reply: FastifyReply, body: string) {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  reply.header("etag", etag);
  // If-None-Match compares weakly (RFC 9110 § 13.1.2): a proxy that compressed the file may hand
  // the client `W/"…"`; `*` asks for any current file.
  const asked = [request.headers["if-none-match"] ?? ""].flat().join(",");
  const tags = asked.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (tags.includes("*") || tags.includes(etag)) return reply.status(304).send();
  return reply.send(body);
}
