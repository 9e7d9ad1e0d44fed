/**
 * What an XRechnung needs besides the statement — the parties' master data and the invoice's own
 * facts — and the business rules of EN 16931 and XRechnung 3.0 that such input can break
 * ({@link xrechnungProblems}): each problem names its rule (BR-…, BR-DE-…), the input field, and
 * says in German and English what to fix, so the finance office can correct its master data
 * before an invoice is written. The writer is `xrechnung.ts`; which rules are checked where:
 * `docs/SETTLEMENT.md › XRechnung`.
 *
 * Pure: no I/O.
 */
import type { Bilingual } from "../../kernel/problems";
import type { Statement } from "./statement";

/** A postal address (BG-5 seller, BG-8 buyer). */
export interface PostalAddress {
  /** BT-35 / BT-50, e.g. "Südstraße 1". */
  street: string;
  /** BT-36 / BT-51, optional. */
  additionalStreet?: string;
  /** BT-37 / BT-52. */
  city: string;
  /** BT-38 / BT-53. */
  postalCode: string;
  /** BT-40 / BT-55: ISO 3166-1 alpha-2, "DE". */
  countryCode: string;
}

/** A contact (BG-6 seller: required by XRechnung; BG-9 buyer: optional). */
export interface Contact {
  /** BT-41 / BT-56: a function or office, e.g. "Kämmerei, Erstattungen" — no private person needed. */
  name: string;
  /** BT-42 / BT-57. */
  phone: string;
  /** BT-43 / BT-58. */
  email: string;
}

/** An electronic address (BT-34 / BT-49) with its scheme from the EAS code list ("EM" e-mail, "0204" Leitweg-ID). */
export interface ElectronicAddress {
  scheme: string;
  value: string;
}

/** The lender: who issues the invoice and is paid. */
export interface SellerMasterData {
  /** BT-27: the administration's legal name, e.g. "Stadt Wunstorf". */
  name: string;
  /** BT-29: an identifier of the seller, e.g. its official municipality key (AGS) or its own Leitweg-ID. */
  identifier?: string;
  address: PostalAddress;
  contact: Contact;
  /** BT-34; default: the contact's e-mail with scheme "EM". */
  electronicAddress?: ElectronicAddress;
  /** BT-31: VAT identification number (USt-IdNr., "DE…"); written only when VAT is charged (BR-O-02). */
  vatId?: string;
  /** BT-32: tax number (Steuernummer) as tax registration. */
  taxNumber?: string;
  /** BT-84: the account the borrower pays to (IBAN). */
  iban: string;
  /** BT-85: the account's name, optional. */
  accountName?: string;
  /** BT-86: the bank's BIC, optional. */
  bic?: string;
}

/** The borrower: who receives the invoice and pays. */
export interface BuyerMasterData {
  /** BT-44, e.g. "Region Hannover". */
  name: string;
  /** BT-10 buyer reference and BT-49 electronic address (scheme 0204): the invoice receipt's Leitweg-ID. */
  leitwegId: string;
  /** BT-46, optional. */
  identifier?: string;
  address: PostalAddress;
  /** BG-9, optional. */
  contact?: Contact;
  /** Where a credit's refund goes (the buyer's IBAN), named in the payment terms of a credit; optional. */
  refundIban?: string;
}

/** What only the invoice has: its number and dates. */
export interface InvoiceFacts {
  /** BT-1: the invoice number, unique for the seller. */
  number: string;
  /** BT-2: issue date, ISO. */
  issueDate: string;
  /** BT-9: due date, ISO (BR-CO-25: an amount due needs a due date or payment terms). */
  dueDate: string;
  /** BT-22: an optional note for the whole invoice. */
  note?: string;
  /**
   * BG-3: a supplement's (Nachtrag's) preceding invoice — the month's original statement, its number
   * (BT-25) and issue date (BT-26). With it the invoice is a corrected invoice (type 384) and may be
   * negative (a credit).
   */
  precedingInvoice?: { number: string; issueDate: string };
}

/** Everything an XRechnung needs beyond the statement. */
export interface XRechnungInput {
  statement: Statement;
  seller: SellerMasterData;
  buyer: BuyerMasterData;
  invoice: InvoiceFacts;
}

/** A business rule the input would break; `field` names the input, `rule` the EN 16931 / XRechnung rule. */
export interface XRechnungProblem {
  rule: string;
  field: string;
  message: Bilingual;
}

/** Thrown by {@link xrechnungInvoice} when the input breaks a rule; carries every problem. */
export class XRechnungRefused extends Error {
  constructor(readonly problems: readonly XRechnungProblem[]) {
    super(`XRechnung refused: ${problems.map((p) => `${p.rule} (${p.field})`).join(", ")}`);
    this.name = "XRechnungRefused";
  }
}

/** Whether `iban` is a well-formed IBAN with a correct check sum (ISO 13616, mod 97). */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Whether `id` has the form of a Leitweg-ID: coarse address (2–12 digits), optional fine address, check digits. */
export function isLeitwegIdForm(id: string): boolean {
  return /^\d{2,12}(-[0-9A-Z]{1,30})?-\d{2}$/i.test(id);
}

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (not 2027-02-30). */
export function isIsoDate(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
  );
}
const blank = (s: string | undefined) => (s ?? "").trim() === "";

/** Every rule the input would break, in the order of the fields; empty when the invoice can be written. */
export function xrechnungProblems(input: XRechnungInput): XRechnungProblem[] {
  const { statement, seller, buyer, invoice } = input;
  const problems: XRechnungProblem[] = [];
  const need = (ok: boolean, rule: string, field: string, de: string, en: string) => {
    if (!ok) problems.push({ rule, field, message: { de, en } });
  };
  need(!blank(invoice.number), "BR-02", "invoice.number", "Die Rechnungsnummer fehlt.", "The invoice number is missing.");
  need(
    isIsoDate(invoice.issueDate),
    "BR-03",
    "invoice.issueDate",
    "Das Rechnungsdatum fehlt oder ist kein Datum.",
    "The issue date is missing or not a date.",
  );
  need(
    isIsoDate(invoice.dueDate),
    "BR-CO-25",
    "invoice.dueDate",
    "Das Fälligkeitsdatum fehlt oder ist kein Datum.",
    "The due date is missing or not a date.",
  );
  need(
    statement.lines.length > 0,
    "BR-16",
    "statement.lines",
    "Die Abrechnung hat keine Position, für die etwas zu zahlen ist.",
    "The statement has no line to be paid for.",
  );
  need(
    statement.netCents >= 0 || invoice.precedingInvoice !== undefined,
    "BR-CO-13",
    "statement.netCents",
    "Der Nettobetrag ist negativ; das geht nur in einem Nachtrag zu einer gestellten Abrechnung (korrigierte Rechnung).",
    "The net total is negative; that is possible only in a supplement to an issued statement (a corrected invoice).",
  );
  need(
    invoice.precedingInvoice === undefined || (!blank(invoice.precedingInvoice.number) && isIsoDate(invoice.precedingInvoice.issueDate)),
    "BR-55",
    "invoice.precedingInvoice",
    "Die Nummer oder das Datum der Abrechnung, zu der dies ein Nachtrag ist, fehlt.",
    "The number or date of the statement this supplements is missing.",
  );

  need(
    !blank(seller.name),
    "BR-06",
    "seller.name",
    "Der Name der abrechnenden Verwaltung fehlt.",
    "The name of the issuing administration is missing.",
  );
  need(
    !blank(seller.address.city),
    "BR-DE-3",
    "seller.address.city",
    "Der Ort der abrechnenden Verwaltung fehlt.",
    "The city of the issuing administration is missing.",
  );
  need(
    !blank(seller.address.postalCode),
    "BR-DE-4",
    "seller.address.postalCode",
    "Die Postleitzahl der abrechnenden Verwaltung fehlt.",
    "The postcode of the issuing administration is missing.",
  );
  need(
    /^[A-Z]{2}$/.test(seller.address.countryCode),
    "BR-09",
    "seller.address.countryCode",
    "Das Land der abrechnenden Verwaltung fehlt (z. B. DE).",
    "The country of the issuing administration is missing (e.g. DE).",
  );
  need(
    !blank(seller.contact.name),
    "BR-DE-5",
    "seller.contact.name",
    "Die Kontaktstelle der abrechnenden Verwaltung fehlt.",
    "The contact point of the issuing administration is missing.",
  );
  need(
    (seller.contact.phone.match(/\d/g) ?? []).length >= 3,
    "BR-DE-6",
    "seller.contact.phone",
    "Die Telefonnummer der Kontaktstelle fehlt oder hat weniger als drei Ziffern.",
    "The contact's telephone number is missing or has fewer than three digits.",
  );
  need(
    /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(seller.contact.email),
    "BR-DE-7",
    "seller.contact.email",
    "Die E-Mail-Adresse der Kontaktstelle fehlt oder ist keine E-Mail-Adresse.",
    "The contact's e-mail address is missing or not an e-mail address.",
  );
  need(
    isValidIban(seller.iban),
    "BR-DE-19",
    "seller.iban",
    "Die IBAN fehlt oder ihre Prüfziffer stimmt nicht.",
    "The IBAN is missing or its check digits are wrong.",
  );
  if (statement.vat.category === "S") {
    need(
      !blank(seller.vatId) || !blank(seller.taxNumber),
      "BR-S-02",
      "seller.vatId",
      "Für Rechnungen mit Umsatzsteuer braucht es die USt-IdNr. oder die Steuernummer.",
      "An invoice with VAT needs the VAT ID or the tax number.",
    );
  }
  if (!blank(seller.vatId)) {
    need(
      /^[A-Z]{2}/.test(seller.vatId!),
      "BR-CO-09",
      "seller.vatId",
      "Die USt-IdNr. beginnt mit dem Ländercode (z. B. DE).",
      "The VAT ID starts with the country code (e.g. DE).",
    );
  }
  const hasSellerId = !blank(seller.identifier) || (statement.vat.category === "S" && !blank(seller.vatId));
  need(
    hasSellerId,
    "BR-CO-26",
    "seller.identifier",
    "Eine Kennung der abrechnenden Verwaltung fehlt (z. B. der Gemeindeschlüssel).",
    "An identifier of the issuing administration is missing (e.g. its municipality key).",
  );

  need(
    !blank(buyer.name),
    "BR-07",
    "buyer.name",
    "Der Name der zahlenden Verwaltung fehlt.",
    "The name of the paying administration is missing.",
  );
  need(
    isLeitwegIdForm(buyer.leitwegId),
    "BR-DE-15",
    "buyer.leitwegId",
    "Die Leitweg-ID der zahlenden Verwaltung fehlt oder hat nicht die Form 12345678-ABC-12.",
    "The paying administration's Leitweg-ID is missing or not of the form 12345678-ABC-12.",
  );
  need(
    !blank(buyer.address.city),
    "BR-DE-8",
    "buyer.address.city",
    "Der Ort der zahlenden Verwaltung fehlt.",
    "The city of the paying administration is missing.",
  );
  need(
    !blank(buyer.address.postalCode),
    "BR-DE-9",
    "buyer.address.postalCode",
    "Die Postleitzahl der zahlenden Verwaltung fehlt.",
    "The postcode of the paying administration is missing.",
  );
  need(
    /^[A-Z]{2}$/.test(buyer.address.countryCode),
    "BR-11",
    "buyer.address.countryCode",
    "Das Land der zahlenden Verwaltung fehlt (z. B. DE).",
    "The country of the paying administration is missing (e.g. DE).",
  );
  return problems;
}
