import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import fontkit from "@pdf-lib/fontkit";
import {
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames as Ops,
  PDFString,
  rgb,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from "pdf-lib";
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

/** A node of the document's structure tree (PDF/UA): a tagged element and its marked content. */
interface StructNode {
  type: "Document" | "H1" | "H2" | "P" | "Table" | "TR" | "TH" | "TD";
  kids: Array<StructNode | { page: PDFPage; mcid: number }>;
}

/**
 * Writes wrapped text on pages, adding pages as needed — tagged (PDF/UA): every line is marked
 * content of a structure element (title H1, sections H2, paragraphs P, the fields of a section a
 * table of label TH and value TD) in reading order; rules and signature lines are artifacts.
 */
export class Writer {
  page: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  private readonly root: StructNode = { type: "Document", kids: [] };
  private readonly open: StructNode[] = [this.root];
  private readonly mcids = new Map<PDFPage, number>();
  constructor(
    private doc: PDFDocument,
    private regular: PDFFont,
    private bold: PDFFont,
  ) {
    this.page = this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage([595.28, 841.89]);
    this.pages.push(this.page);
    this.y = 841.89 - 60;
    return this.page;
  }
  private ensure(h: number) {
    if (this.y - h < 60) this.newPage();
  }
  private get current() {
    return this.open[this.open.length - 1];
  }
  private begin(type: StructNode["type"]) {
    const node: StructNode = { type, kids: [] };
    this.current.kids.push(node);
    this.open.push(node);
    return node;
  }
  private end() {
    this.open.pop();
  }
  /** Closes a table of fields when something else follows it. */
  private leaveTable() {
    while (this.open.length > 1 && ["Table", "TR", "TH", "TD"].includes(this.current.type)) this.end();
  }
  /** Draws one line as marked content of the current structure element. */
  private line(text: string, x: number, size: number, font: PDFFont) {
    const mcid = this.mcids.get(this.page) ?? 0;
    this.mcids.set(this.page, mcid + 1);
    this.page.pushOperators(
      // A property list is written inline (pdf-lib types operator arguments narrower than it writes them).
      PDFOperator.of(Ops.BeginMarkedContentSequence, [
        PDFName.of(this.current.type),
        this.doc.context.obj({ MCID: mcid }) as unknown as PDFName,
      ]),
    );
    this.page.drawText(text, { x, y: this.y, size, font, color: rgb(0.07, 0.08, 0.15) });
    this.page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
    this.current.kids.push({ page: this.page, mcid });
  }
  private wrapped(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number }) {
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
        this.line(l, 60 + (opts.indent ?? 0), size, font);
        this.y -= size * 1.4;
      }
    }
    this.y -= opts.gap ?? 4;
  }
  text(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number; as?: "H1" | "P" } = {}) {
    this.leaveTable();
    this.begin(opts.as ?? "P");
    this.wrapped(text, opts);
    this.end();
  }
  heading(text: string) {
    this.leaveTable();
    this.y -= 6;
    this.begin("H2");
    this.wrapped(text, { bold: true, size: 12, gap: 2 });
    this.end();
  }
  field(label: string, value: string) {
    if (this.current.type !== "Table") {
      this.leaveTable();
      this.begin("Table");
    }
    this.begin("TR");
    this.begin("TH");
    this.wrapped(label, { bold: true, size: 9.5, gap: 0 });
    this.end();
    this.begin("TD");
    this.wrapped(value, { gap: 6 });
    this.end();
    this.end();
  }
  signatures(labels: string[]) {
    this.leaveTable();
    this.ensure(90);
    this.y -= 40;
    const w = (595.28 - 120 - 20 * (labels.length - 1)) / labels.length;
    const top = this.y;
    labels.forEach((label, i) => {
      const x = 60 + i * (w + 20);
      // The line to sign on is decoration, not content.
      this.page.pushOperators(PDFOperator.of(Ops.BeginMarkedContent, [PDFName.of("Artifact")]));
      this.page.drawLine({ start: { x, y: top }, end: { x: x + w, y: top }, thickness: 0.7, color: rgb(0.2, 0.2, 0.2) });
      this.page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
      this.begin("P");
      this.y = top - 12;
      for (const part of label.split("\n")) {
        this.line(part, x, 8.5, this.regular);
        this.y -= 11;
      }
      this.end();
    });
    this.y = top - 50;
  }

  /**
   * Writes the structure tree into the document: StructTreeRoot with the elements in reading
   * order, each page's marked content found through the ParentTree, MarkInfo and the title shown
   * in the viewer's window (PDF/UA-1, ISO 14289-1).
   */
  finish() {
    this.leaveTable();
    const ctx = this.doc.context;
    const rootRef = ctx.nextRef();
    const byPage = new Map<PDFPage, PDFRef[]>();
    const write = (node: StructNode, parent: PDFRef): PDFRef => {
      const ref = ctx.nextRef();
      const kids = node.kids.map((kid) => {
        if ("type" in kid) return write(kid, ref);
        const refs = byPage.get(kid.page) ?? [];
        refs[kid.mcid] = ref;
        byPage.set(kid.page, refs);
        return ctx.obj({ Type: "MCR", Pg: kid.page.ref, MCID: kid.mcid });
      });
      ctx.assign(ref, ctx.obj({ Type: "StructElem", S: node.type, P: parent, K: kids }));
      return ref;
    };
    const documentRef = write(this.root, rootRef);
    const nums: Array<PDFNumber | PDFArray> = [];
    this.pages.forEach((page, index) => {
      page.node.set(PDFName.of("StructParents"), PDFNumber.of(index));
      page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
      nums.push(PDFNumber.of(index), ctx.obj(byPage.get(page) ?? []));
    });
    ctx.assign(rootRef, ctx.obj({ Type: "StructTreeRoot", K: documentRef, ParentTree: ctx.obj({ Nums: nums }) }));
    const catalog = this.doc.catalog;
    catalog.set(PDFName.of("StructTreeRoot"), rootRef);
    catalog.set(PDFName.of("MarkInfo"), ctx.obj({ Marked: true }));
    catalog.set(PDFName.of("ViewerPreferences"), ctx.obj({ DisplayDocTitle: true }));
    catalog.set(PDFName.of("Lang"), PDFString.of("de-DE"));
  }
}

/**
 * A new PDF with the embedded DejaVu fonts and a tagged {@link Writer} on it (German, PDF/UA
 * structure): other capabilities write their documents with it (statements).
 */
export async function newTaggedPdf(): Promise<{ doc: PDFDocument; writer: Writer }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setLanguage("de-DE");
  doc.setAuthor("Verbund – Zusammenarbeit der Verwaltungen in der Region Hannover");
  return { doc, writer: new Writer(doc, regular, bold) };
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
  w.text(title + (isDraft ? " (Entwurf)" : ""), { size: 20, bold: true, gap: 4, as: "H1" });
  w.text(`Stand: ${STATE_NAMES_DE[s.state]} · Vorgang ${s.id}`, { size: 8.5, gap: 12 });

  w.heading("1. Beteiligte");
  w.field("Abgebende Verwaltung (Dienstherr/Arbeitgeber)", s.lender.name);
  w.field("Aufnehmende Verwaltung", s.borrower.name + (s.request?.department ? `, ${s.request.department}` : ""));
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
  w.field("Verwaltungskostenzuschlag", s.overhead.words.de);

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
  w.finish();
  return doc.save();
}
