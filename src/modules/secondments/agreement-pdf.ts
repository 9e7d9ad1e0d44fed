import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { germanDate } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { hasDocuments } from "./secondment-scope";
import type { SecondmentView } from "./present";
import { STATE_NAMES_DE } from "./secondment-mail";

const FONT_DIR = fileURLToPath(new URL("../../../data/fonts/", import.meta.url));
let fonts: Promise<[Uint8Array, Uint8Array]> | null = null;
const loadFonts = () =>
  (fonts ??= Promise.all([readFile(FONT_DIR + "DejaVuSans.ttf"), readFile(FONT_DIR + "DejaVuSans-Bold.ttf")]).then(
    ([a, b]) => [new Uint8Array(a), new Uint8Array(b)] as [Uint8Array, Uint8Array],
  ));

const SETTLEMENT_DE = {
  reimbursement:
    "Kostenerstattung: Die aufnehmende Verwaltung erstattet die Personalkosten nach den Personalkostensätzen der Rahmenvereinbarung je Entgelt- bzw. Besoldungsgruppe, abgerechnet nach bestätigten Stunden.",
  reciprocity:
    "Gegenseitigkeit: Die geleisteten Stunden werden im Stundenkonto zwischen den Verwaltungen gutgeschrieben und durch Gegenleistungen ausgeglichen.",
  waiver:
    "Kostenverzicht: Die abgebende Verwaltung verzichtet auf die Erstattung der Personalkosten; erstattet werden nur Auslagen (z. B. Reisekosten).",
} as const;
const COUNCIL_DE = {
  not_required: "Nach der Regelung der abgebenden Verwaltung nicht erforderlich.",
  pending: "Beteiligung läuft.",
  consented: "Der Personalrat der abgebenden Verwaltung hat zugestimmt",
  deemed: "Die Zustimmung des Personalrats gilt als erteilt (Frist ohne Entscheidung abgelaufen)",
  refused: "Der Personalrat hat die Zustimmung verweigert",
  provisional: "Vorläufiger Beginn in der ausgerufenen Krise; die Entscheidung des Personalrats folgt",
} as const;

/** Writes wrapped text on pages, adding pages as needed. */
class Writer {
  page: PDFPage;
  y = 0;
  constructor(
    private doc: PDFDocument,
    private regular: PDFFont,
    private bold: PDFFont,
  ) {
    this.page = this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage([595.28, 841.89]);
    this.y = 841.89 - 60;
    return this.page;
  }
  private ensure(h: number) {
    if (this.y - h < 60) this.newPage();
  }
  text(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number } = {}) {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.regular;
    const width = 595.28 - 120 - (opts.indent ?? 0);
    for (const paragraph of text.split("\n")) {
      let line = "";
      const lines: string[] = [];
      for (const word of paragraph.split(" ")) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) > width && line) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
      for (const l of lines) {
        this.ensure(size * 1.4);
        this.page.drawText(l, { x: 60 + (opts.indent ?? 0), y: this.y, size, font, color: rgb(0.07, 0.08, 0.15) });
        this.y -= size * 1.4;
      }
    }
    this.y -= opts.gap ?? 4;
  }
  heading(text: string) {
    this.y -= 6;
    this.text(text, { bold: true, size: 12, gap: 2 });
  }
  field(label: string, value: string) {
    this.text(label, { bold: true, size: 9.5, gap: 0 });
    this.text(value, { gap: 6 });
  }
  signatures(labels: string[]) {
    this.ensure(90);
    this.y -= 40;
    const w = (595.28 - 120 - 20 * (labels.length - 1)) / labels.length;
    labels.forEach((label, i) => {
      const x = 60 + i * (w + 20);
      this.page.drawLine({ start: { x, y: this.y }, end: { x: x + w, y: this.y }, thickness: 0.7, color: rgb(0.2, 0.2, 0.2) });
      let y = this.y - 12;
      for (const part of label.split("\n")) {
        this.page.drawText(part, { x, y, size: 8.5, font: this.regular });
        y -= 11;
      }
    });
    this.y -= 50;
  }
}

/**
 * The secondment agreement (Abordnungsvereinbarung) or, for civil servants, the secondment order
 * (Abordnungsverfügung) as a German PDF with embedded DejaVu fonts (umlauts, ß and ẞ render).
 */
export async function renderSecondmentDocument(s: SecondmentView, kind: "agreement" | "order"): Promise<Uint8Array> {
  if (!hasDocuments(s)) {
    throw new AppError("conflict", {
      message: {
        de: "Das Dokument entsteht, sobald die beschäftigte Person zugestimmt hat.",
        en: "The document is available once the employee has accepted.",
      },
    });
  }
  if (kind === "order" && s.employmentStatus !== "civil_servant") throw new AppError("not_found");
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  const title = kind === "agreement" ? "Abordnungsvereinbarung" : "Abordnungsverfügung";
  doc.setTitle(`${title} – ${s.person.name}`);
  doc.setLanguage("de-DE");
  doc.setAuthor("Verbund – Zusammenarbeit der Verwaltungen in der Region Hannover");
  doc.setCreationDate(new Date(s.updatedAt));
  const w = new Writer(doc, regular, bold);
  const isDraft = !["agreed", "onboarding", "active", "completed", "ended_early"].includes(s.state);
  w.text(title + (isDraft ? " (Entwurf)" : ""), { size: 20, bold: true, gap: 4 });
  w.text(`Stand: ${STATE_NAMES_DE[s.state]} · Vorgang ${s.id}`, { size: 8.5, gap: 12 });

  w.heading("1. Beteiligte");
  w.field("Abgebende Verwaltung (Dienstherr/Arbeitgeber)", s.lender.name);
  w.field("Aufnehmende Verwaltung", s.borrower.name);
  w.field(
    s.employmentStatus === "civil_servant" ? "Beamtin/Beamter" : "Beschäftigte/r",
    `${s.person.name}, ${s.person.jobTitle}, ${s.employmentStatus === "civil_servant" ? "Besoldungsgruppe" : "Entgeltgruppe"} ${s.person.payGroup}`,
  );

  w.heading("2. Abordnung");
  w.field(
    "Zeitraum",
    `${germanDate(s.startsOn)} bis ${germanDate(s.endsOn)}${s.isExtension ? " (Verlängerung einer bestehenden Abordnung)" : ""}`,
  );
  w.field("Wöchentliche Arbeitszeit bei der aufnehmenden Verwaltung", `${s.hoursPerWeek} Stunden`);
  w.field("Einsatzort", s.place ?? s.borrower.name);
  w.field("Aufgaben", s.tasks);
  if (s.request) w.field("Unterstützungsanfrage", s.request.title);

  w.heading("3. Rechtsgrundlage und Beteiligungen");
  w.field("Rechtsgrundlage", s.legalBasis);
  if (s.employmentStatus === "civil_servant") {
    w.text(
      "Die Beamtin/der Beamte hat der Abordnung zugestimmt. Die Zustimmung wird in jedem Fall eingeholt, auch wo § 27 Abs. 3 NBG sie nicht verlangt.",
      { gap: 6 },
    );
  } else {
    w.text("Die/der Beschäftigte hat der Abordnung gemäß § 4 Abs. 1 TVöD zugestimmt.", { gap: 6 });
  }
  const hearing = s.timeline.find((t) => t.action === "record_hearing");
  if (hearing) w.field("Anhörung (§ 4 Abs. 1 TVöD)", `vermerkt am ${germanDate(hearing.at)}`);
  const sbv = s.timeline.find((t) => t.action === "record_sbv_hearing");
  if (sbv) w.field("Anhörung der Schwerbehindertenvertretung (§ 178 Abs. 2 SGB IX)", `vermerkt am ${germanDate(sbv.at)}`);
  const council = [...s.timeline].reverse().find((t) => t.action.startsWith("council_") || t.action === "start_provisionally");
  w.field(
    "Personalrat der abgebenden Verwaltung",
    COUNCIL_DE[s.councilStatus] + (council && s.councilStatus !== "not_required" ? ` (${germanDate(council.at)})` : "") + ".",
  );

  w.heading("4. Kosten");
  w.text(SETTLEMENT_DE[s.settlementModel], { gap: 6 });

  w.heading("5. Rahmenvereinbarung");
  w.text(
    s.frameworkAgreement
      ? `Es gilt die Rahmenvereinbarung der Region Hannover über die gegenseitige Personalunterstützung „${s.frameworkAgreement.title}“, Fassung ${s.frameworkAgreement.version}, insbesondere zu Personalkostensätzen, Haftung, Unfallversicherung und Datenschutz (gemeinsam Verantwortliche nach Art. 26 DSGVO).`
      : "Eine Rahmenvereinbarung der Region war bei Abschluss nicht in Kraft; es gelten die gesetzlichen und tariflichen Regelungen.",
    { gap: 6 },
  );
  w.text(
    "Die Dienst- und Fachaufsicht für die Aufgaben liegt während der Abordnung bei der aufnehmenden Verwaltung; das Dienst- bzw. Arbeitsverhältnis zur abgebenden Verwaltung bleibt bestehen.",
    { gap: 6 },
  );

  if (kind === "order") {
    w.heading("6. Verfügung");
    w.text(
      `${s.person.name} wird mit ihrem/seinem Einverständnis gemäß § 27 NBG vom ${germanDate(s.startsOn)} bis ${germanDate(s.endsOn)} an ${s.borrower.name} abgeordnet. Die Besoldung zahlt weiterhin ${s.lender.name}.`,
      { gap: 6 },
    );
    w.signatures([`Ort, Datum\nFür ${s.lender.name} (Dienstvorgesetzte/r)`]);
  } else {
    w.signatures([`Ort, Datum\nFür ${s.lender.name}`, `Ort, Datum\nFür ${s.borrower.name}`, `Ort, Datum\n${s.person.name}`]);
  }
  w.text("Erstellt mit Verbund – Zusammenarbeit der Verwaltungen in der Region Hannover.", { size: 8 });
  return doc.save();
}
