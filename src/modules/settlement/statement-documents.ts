/**
 * A statement as a German PDF, as CSV and as an XRechnung (UBL 2.1, XRechnung 3.0). All three
 * present the statement's frozen snapshot, so their totals are the API's (`statement-documents.test`
 * in statements.test.ts compares them).
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { statementCsv, EXCLUSION_WORDS } from "../../domain/settlement/statement-csv";
import { germanEuros, germanHours } from "../../domain/settlement/money";
import { EXPENSE_KIND_WORDS } from "../../domain/settlement/statement";
import { xrechnungInvoice, xrechnungProblems, type XRechnungInput } from "../../domain/settlement/xrechnung";
import type { Actor } from "../../kernel/actor";
import { addDays, dateInGermany, germanDate, monthName } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { organizations } from "../organizations";
import { newTaggedPdf } from "../secondments";
import {
  billingDetailsOfParties,
  findVisibleStatementsByIds,
  getVisibleStatement,
  type BillingDetailsRow,
  type StatementRow,
} from "./statement-scope";

/** Days from issue to due date (BT-9). */
export const PAYMENT_DAYS = 30;

/** "November 2026". */
export const germanMonth = (month: string) => monthName(month, "de");
/** "November 2026" in English (task texts), where the German says "November 2026" too. */
export const englishMonth = (month: string) => monthName(month, "en");

/** The file name of a download: "abrechnung-VB-2026-11-0001.pdf", a draft by its id. */
export const statementFileName = (s: StatementRow, ext: string) => `abrechnung-${s.number ?? `entwurf-${s.id.slice(0, 8)}`}.${ext}`;

/** The statement as CSV (BOM, semicolons, decimal comma). */
export async function statementCsvOf(db: Db, actor: Actor, id: string) {
  const s = await getVisibleStatement(db, actor, id);
  return { s, body: statementCsv(s.body) };
}

const euro = (cents: number) => `${germanEuros(cents).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} €`.replace(/^-/, "−");

/** The month's original statement a supplement names (number and issue day), read through the scope; null for an original. */
async function originalOf(db: Db, actor: Actor, s: StatementRow): Promise<{ number: string; issueDate: string } | null> {
  if (!s.supplementsId) return null;
  const [original] = await findVisibleStatementsByIds(db, actor, [s.supplementsId]);
  return original?.number && original.issuedAt ? { number: original.number, issueDate: dateInGermany(original.issuedAt) } : null;
}

/** "Abrechnung", "Nachtrag" or — a negative supplement — "Gutschrift". */
export const statementKind = (s: StatementRow) => (s.grossCents < 0 ? "Gutschrift" : s.supplementsId ? "Nachtrag" : "Abrechnung");

/** A line's note as a sentence before its description: "Korrektur vom …: 7,75 Std. → 6,00 Std. " gets no second full stop. */
const noteSentence = (note: string | undefined) => (note ? (note.endsWith(".") ? `${note} ` : `${note}. `) : "");

/** The German PDF: parties, lines, rates (with where their breakdown is), totals and the VAT note. */
export async function statementPdfOf(db: Db, actor: Actor, id: string) {
  const s = await getVisibleStatement(db, actor, id);
  const st = s.body;
  const names = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [s.organizationId, s.borrowerOrganizationId]));
  const name = (orgId: string) => names.find((n) => n.id === orgId)?.name ?? "";
  const { lender, borrower } = await billingDetailsOfParties(db, s);
  const { doc, writer: w } = await newTaggedPdf();
  const original = await originalOf(db, actor, s);
  const isCredit = s.grossCents < 0;
  const title = `${statementKind(s)} ${germanMonth(s.month)}`;
  doc.setTitle(`${title} – ${name(s.organizationId)} an ${name(s.borrowerOrganizationId)}`);
  doc.setCreationDate(s.issuedAt ?? s.computedAt);
  w.text(title + (s.state === "draft" ? " (Entwurf)" : ""), { size: 20, bold: true, gap: 4, as: "H1" });
  w.text(
    `${s.number ? `Nummer ${s.number}` : "Noch ohne Nummer (Entwurf)"} · Zeitraum ${germanDate(st.periodStart)} bis ${germanDate(st.periodEnd)}`,
    { size: 9, gap: original ? 4 : 12 },
  );
  if (original)
    w.text(
      `Nachtrag zur Abrechnung Nr. ${original.number} vom ${germanDate(original.issueDate)}: ${
        isCredit
          ? "Nach der Abrechnung wurden Stunden oder Auslagen korrigiert; die Korrekturen verringern den Betrag. Diese Gutschrift erstattet die Differenz."
          : "Er enthält nur, was nach der Abrechnung bestätigt oder korrigiert wurde."
      }`,
      { size: 9, gap: 12 },
    );
  w.heading("Beteiligte");
  const address = (b: BillingDetailsRow | null) => (b && b.city ? `, ${b.street}, ${b.postalCode} ${b.city}` : "");
  // On a Gutschrift the lender refunds the borrower: the parties are named by what they do.
  w.field(isCredit ? "Erstattende Verwaltung" : "Abrechnende Verwaltung", name(s.organizationId) + address(lender));
  w.field(
    isCredit ? "Erstattung an" : "Zahlende Verwaltung",
    name(s.borrowerOrganizationId) + address(borrower) + (borrower?.leitwegId ? ` (Leitweg-ID ${borrower.leitwegId})` : ""),
  );
  if (s.issuedAt) {
    w.field(isCredit ? "Datum der Gutschrift" : "Rechnungsdatum", germanDate(dateInGermany(s.issuedAt)));
    w.field(isCredit ? "Erstattung bis" : "Fällig am", germanDate(addDays(dateInGermany(s.issuedAt), PAYMENT_DAYS)));
  }
  w.heading("Positionen");
  st.lines.forEach((l, i) => {
    if (l.kind === "hours") {
      w.field(
        `${i + 1}. Personalkosten – ${l.caseLabel}`,
        `${noteSentence(l.note)}${l.rateLabel}: ${germanHours(l.minutes).replace(/^-/, "−")} Std. × ${euro(l.rateCentsPerHour)} je Stunde = ${euro(l.amountCents)}`,
      );
    } else {
      w.field(
        `${i + 1}. ${EXPENSE_KIND_WORDS[l.expenseKind]} – ${l.caseLabel}`,
        `${noteSentence(l.note)}${l.description}: ${euro(l.amountCents)}`,
      );
    }
  });
  if (st.lines.length === 0) w.text("Keine abzurechnenden Positionen.");
  if (st.excluded.length > 0) {
    w.heading("Nicht abgerechnet");
    for (const e of st.excluded) {
      w.field(
        EXCLUSION_WORDS[e.reason],
        [e.caseLabel, e.minutes > 0 ? `${germanHours(e.minutes)} Std.` : "", e.expenseCents > 0 ? `Auslagen ${euro(e.expenseCents)}` : ""]
          .filter(Boolean)
          .join(", "),
      );
    }
  }
  w.text(
    "Die Stundensätze sind die Kostensätze der Region je Entgelt- bzw. Besoldungsgruppe am Arbeitstag; ihre Aufschlüsselung steht in Verbund auf der Seite „Kostensätze“.",
    { size: 9, gap: 8 },
  );
  w.heading("Summen");
  w.field("Personalkosten", euro(st.personnelCents));
  w.field("Auslagen", euro(st.expensesCents));
  w.field("Nettobetrag", euro(st.netCents));
  w.field(
    st.vat.category === "S" ? `Umsatzsteuer ${st.vat.percent} %` : "Umsatzsteuer",
    st.vat.category === "S"
      ? euro(st.vat.amountCents)
      : "nicht steuerbar – Leistung einer juristischen Person des öffentlichen Rechts im Rahmen der öffentlichen Gewalt (§ 2b UStG)",
  );
  w.field(isCredit ? "Gesamtbetrag (Gutschrift)" : "Gesamtbetrag", euro(st.grossCents));
  if (isCredit)
    w.text(
      `${name(s.organizationId)} erstattet ${name(s.borrowerOrganizationId)} ${euro(-st.grossCents)} unter Angabe der Nummer${s.number ? ` ${s.number}` : ""} ${
        borrower?.iban
          ? `auf das Konto IBAN ${borrower.iban}${borrower.bic ? `, BIC ${borrower.bic}` : ""}.`
          : `auf ein Konto, das in Verbund noch fehlt: ${name(s.borrowerOrganizationId)} hat in ihren Rechnungsdaten keine IBAN angegeben. Ihre Finanzverwaltung trägt sie in Verbund unter „Rechnungsdaten“ ein; bis dahin erfragen Sie das Konto dort.`
      }`,
      { gap: 6 },
    );
  else if (lender?.iban)
    w.text(
      `Bitte überweisen Sie den Gesamtbetrag unter Angabe der Nummer auf das Konto IBAN ${lender.iban}${lender.bic ? `, BIC ${lender.bic}` : ""}.`,
      { gap: 6 },
    );
  w.text("Erstellt mit Verbund – Zusammenarbeit der Verwaltungen in der Region Hannover.", { size: 8 });
  w.finish();
  return { s, body: Buffer.from(await doc.save()) };
}

/** The XRechnung of an issued statement; a 422 naming every missing field (billing details, number). */
export async function statementXmlOf(db: Db, actor: Actor, id: string) {
  const s = await getVisibleStatement(db, actor, id);
  if (s.state === "draft") {
    // A draft has no number, date or due date yet; said plainly rather than as missing fields.
    throw new AppError("unprocessable", {
      message: {
        de: "Eine XRechnung gibt es erst, wenn die Abrechnung gestellt ist. Stellen Sie den Entwurf zuerst.",
        en: "An XRechnung exists once the statement is issued. Issue the draft first.",
      },
    });
  }
  const { lender, borrower } = await billingDetailsOfParties(db, s);
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, ags: organizations.ags })
    .from(organizations)
    .where(inArray(organizations.id, [s.organizationId, s.borrowerOrganizationId]));
  const org = (orgId: string) => orgs.find((o) => o.id === orgId);
  const issueDate = s.issuedAt ? dateInGermany(s.issuedAt) : "";
  const precedingInvoice = await originalOf(db, actor, s);
  const input: XRechnungInput = {
    statement: s.body,
    seller: {
      name: org(s.organizationId)?.name ?? "",
      identifier: org(s.organizationId)?.ags,
      address: {
        street: lender?.street ?? "",
        city: lender?.city ?? "",
        postalCode: lender?.postalCode ?? "",
        countryCode: lender?.countryCode ?? "",
      },
      contact: { name: lender?.contactName ?? "", phone: lender?.contactPhone ?? "", email: lender?.contactEmail ?? "" },
      vatId: lender?.vatId || undefined,
      taxNumber: lender?.taxNumber || undefined,
      iban: lender?.iban ?? "",
      bic: lender?.bic || undefined,
    },
    buyer: {
      name: org(s.borrowerOrganizationId)?.name ?? "",
      leitwegId: borrower?.leitwegId ?? "",
      refundIban: borrower?.iban || undefined,
      address: {
        street: borrower?.street ?? "",
        city: borrower?.city ?? "",
        postalCode: borrower?.postalCode ?? "",
        countryCode: borrower?.countryCode ?? "",
      },
    },
    invoice: {
      number: s.number ?? "",
      issueDate,
      dueDate: issueDate ? addDays(issueDate, PAYMENT_DAYS) : "",
      note: `${statementKind(s)} ${germanMonth(s.month)} über Verbund`,
      ...(precedingInvoice ? { precedingInvoice } : {}),
    },
  };
  const problems = xrechnungProblems(input);
  if (problems.length > 0) {
    throw new AppError("unprocessable", {
      message: {
        de: "Die XRechnung kann noch nicht erstellt werden: " + problems.map((p) => p.message.de).join(" "),
        en: "The XRechnung cannot be written yet: " + problems.map((p) => p.message.en).join(" "),
      },
      fields: problems.map((p) => ({ field: p.field, in: "billing_details", rule: p.rule, message: p.message })),
    });
  }
  return { s, body: xrechnungInvoice(input) };
}
