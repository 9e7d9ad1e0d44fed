/**
 * A statement as an electronic invoice: XRechnung 3.0 in the UBL 2.1 Invoice syntax (EN 16931-1,
 * CIUS XRechnung of KoSIT). Legal basis: § 3 E-Rechnungsverordnung (federal) and the
 * Niedersächsische E-Rechnungsverordnung oblige public contracting authorities to receive
 * electronic invoices in the XRechnung standard; between administrations the statement is sent to
 * the borrower's invoice receipt under its Leitweg-ID (BT-10 buyer reference, BT-49 electronic
 * address with scheme 0204). VAT: § 2b UStG — see `statement.ts`; without the lender's option the
 * invoice carries category `O` ("not subject to VAT", exemption reason VATEX-EU-O); with it `S` at
 * 19 %.
 *
 * {@link xrechnungProblems} names every business rule the input would break (in German and
 * English, for the finance office to fix its master data); {@link xrechnungInvoice} refuses such
 * input and otherwise writes the document. Amounts are decimal strings made from cents
 * ({@link decimalEuros}); totals are the statement's totals. Which BR-… rules are checked where:
 * `docs/SETTLEMENT.md › XRechnung`.
 *
 * Pure: no I/O.
 */
import type { Bilingual } from "../../kernel/problems";
import { decimalEuros, exactHours, germanEuros, germanHours } from "./money";
import { EXPENSE_KIND_WORDS, type Statement, type StatementLine } from "./statement";
import { el, renderXml, type XmlElement } from "./xml";

/** BT-24: XRechnung 3.0 (the CIUS of EN 16931 by KoSIT). */
export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
/** BT-23: the Peppol billing process. */
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
/** BT-3: commercial invoice. */
export const INVOICE_TYPE_CODE = "380";
/** BT-81: SEPA credit transfer. */
export const PAYMENT_MEANS_CODE = "58";
/** BT-121 for category `O`. */
export const NOT_SUBJECT_TO_VAT_CODE = "VATEX-EU-O";
/** BT-120 for category `O`: the standard text, with the reason. */
export const NOT_SUBJECT_TO_VAT_TEXT = "Nicht der Umsatzsteuer unterliegend (§ 2b UStG)";

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

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
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
    ISO_DATE.test(invoice.issueDate),
    "BR-03",
    "invoice.issueDate",
    "Das Rechnungsdatum fehlt oder ist kein Datum.",
    "The issue date is missing or not a date.",
  );
  need(
    ISO_DATE.test(invoice.dueDate),
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
    statement.netCents >= 0,
    "BR-CO-13",
    "statement.netCents",
    "Der Nettobetrag ist negativ; dafür ist eine Gutschrift nötig.",
    "The net total is negative; that needs a credit note.",
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

const cbc = (name: string, text: string, attributes: Record<string, string | undefined> = {}) => el(`cbc:${name}`, attributes, text);
const amount = (name: string, cents: number) => cbc(name, decimalEuros(cents), { currencyID: "EUR" });

function address(a: PostalAddress): XmlElement {
  return el("cac:PostalAddress", {}, [
    cbc("StreetName", a.street),
    !blank(a.additionalStreet) && cbc("AdditionalStreetName", a.additionalStreet!),
    cbc("CityName", a.city),
    cbc("PostalZone", a.postalCode),
    el("cac:Country", {}, [cbc("IdentificationCode", a.countryCode)]),
  ]);
}

function contact(c: Contact): XmlElement {
  return el("cac:Contact", {}, [cbc("Name", c.name), cbc("Telephone", c.phone), cbc("ElectronicMail", c.email)]);
}

const taxScheme = (id: string) => el("cac:TaxScheme", {}, [cbc("ID", id)]);

function sellerParty(seller: SellerMasterData, charged: boolean): XmlElement {
  const endpoint = seller.electronicAddress ?? { scheme: "EM", value: seller.contact.email };
  return el("cac:AccountingSupplierParty", {}, [
    el("cac:Party", {}, [
      cbc("EndpointID", endpoint.value, { schemeID: endpoint.scheme }),
      !blank(seller.identifier) && el("cac:PartyIdentification", {}, [cbc("ID", seller.identifier!)]),
      address(seller.address),
      // BT-31 only when VAT is charged: BR-O-02 forbids it on an invoice "not subject to VAT".
      charged && !blank(seller.vatId) && el("cac:PartyTaxScheme", {}, [cbc("CompanyID", seller.vatId!), taxScheme("VAT")]),
      !blank(seller.taxNumber) && el("cac:PartyTaxScheme", {}, [cbc("CompanyID", seller.taxNumber!), taxScheme("FC")]),
      el("cac:PartyLegalEntity", {}, [cbc("RegistrationName", seller.name)]),
      contact(seller.contact),
    ]),
  ]);
}

function buyerParty(buyer: BuyerMasterData): XmlElement {
  return el("cac:AccountingCustomerParty", {}, [
    el("cac:Party", {}, [
      cbc("EndpointID", buyer.leitwegId, { schemeID: "0204" }),
      !blank(buyer.identifier) && el("cac:PartyIdentification", {}, [cbc("ID", buyer.identifier!)]),
      address(buyer.address),
      el("cac:PartyLegalEntity", {}, [cbc("RegistrationName", buyer.name)]),
      buyer.contact && contact(buyer.contact),
    ]),
  ]);
}

/** BT-151/152 of a line, or BT-118/119 of the breakdown (`breakdown`: BR-DE-14 wants a rate there, also 0 for `O`). */
function taxCategory(element: string, statement: Statement, breakdown: boolean): XmlElement {
  const isO = statement.vat.category === "O";
  return el(element, {}, [
    cbc("ID", statement.vat.category),
    (!isO || breakdown) && cbc("Percent", String(statement.vat.percent)),
    isO && breakdown && cbc("TaxExemptionReasonCode", NOT_SUBJECT_TO_VAT_CODE),
    isO && breakdown && cbc("TaxExemptionReason", NOT_SUBJECT_TO_VAT_TEXT),
    taxScheme("VAT"),
  ]);
}

/** Quantity, unit and price base of a line: hours (HUR) when exact in two decimals, else minutes (MIN, price per 60). */
function quantityOf(line: StatementLine): { quantity: string; unit: string; base?: string } {
  if (line.kind === "expense") return { quantity: "1", unit: "C62" };
  const hours = exactHours(line.minutes);
  return hours !== null ? { quantity: hours, unit: "HUR", base: "1" } : { quantity: String(line.minutes), unit: "MIN", base: "60" };
}

function invoiceLine(line: StatementLine, index: number, statement: Statement): XmlElement {
  const { quantity, unit, base } = quantityOf(line);
  const name = line.kind === "hours" ? `Personalkosten: ${line.caseLabel}` : `${EXPENSE_KIND_WORDS[line.expenseKind]}: ${line.caseLabel}`;
  const description =
    line.kind === "hours"
      ? `${line.rateLabel}; ${germanHours(line.minutes)} Std. zu ${germanEuros(line.rateCentsPerHour)} € je Stunde`
      : line.description;
  const price = line.kind === "hours" ? line.rateCentsPerHour : line.amountCents;
  return el("cac:InvoiceLine", {}, [
    cbc("ID", String(index + 1)),
    cbc("InvoicedQuantity", quantity, { unitCode: unit }),
    amount("LineExtensionAmount", line.amountCents),
    el("cac:Item", {}, [
      !blank(description) && cbc("Description", description),
      cbc("Name", name),
      taxCategory("cac:ClassifiedTaxCategory", statement, false),
    ]),
    el("cac:Price", {}, [amount("PriceAmount", price), base !== undefined && cbc("BaseQuantity", base, { unitCode: unit })]),
  ]);
}

/**
 * The XRechnung 3.0 UBL invoice of a statement, as a UTF-8 XML string. Throws
 * {@link XRechnungRefused} (with every problem) when {@link xrechnungProblems} finds any.
 */
export function xrechnungInvoice(input: XRechnungInput): string {
  return renderXml(xrechnungDocument(input));
}

/** The invoice as an element tree (what {@link xrechnungInvoice} writes); throws like it. */
export function xrechnungDocument(input: XRechnungInput): XmlElement {
  const problems = xrechnungProblems(input);
  if (problems.length > 0) throw new XRechnungRefused(problems);
  const { statement, seller, buyer, invoice } = input;
  const charged = statement.vat.category === "S";
  return el(
    "Invoice",
    {
      xmlns: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
      "xmlns:cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "xmlns:cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    },
    [
      cbc("CustomizationID", CUSTOMIZATION_ID),
      cbc("ProfileID", PROFILE_ID),
      cbc("ID", invoice.number),
      cbc("IssueDate", invoice.issueDate),
      cbc("DueDate", invoice.dueDate),
      cbc("InvoiceTypeCode", INVOICE_TYPE_CODE),
      !blank(invoice.note) && cbc("Note", invoice.note!),
      cbc("DocumentCurrencyCode", "EUR"),
      cbc("BuyerReference", buyer.leitwegId),
      el("cac:InvoicePeriod", {}, [cbc("StartDate", statement.periodStart), cbc("EndDate", statement.periodEnd)]),
      sellerParty(seller, charged),
      buyerParty(buyer),
      el("cac:PaymentMeans", {}, [
        cbc("PaymentMeansCode", PAYMENT_MEANS_CODE),
        cbc("PaymentID", invoice.number),
        el("cac:PayeeFinancialAccount", {}, [
          cbc("ID", seller.iban.replace(/\s+/g, "").toUpperCase()),
          !blank(seller.accountName) && cbc("Name", seller.accountName!),
          !blank(seller.bic) && el("cac:FinancialInstitutionBranch", {}, [cbc("ID", seller.bic!)]),
        ]),
      ]),
      el("cac:PaymentTerms", {}, [cbc("Note", `Zahlbar bis ${invoice.dueDate.split("-").reverse().join(".")} ohne Abzug.`)]),
      el("cac:TaxTotal", {}, [
        amount("TaxAmount", statement.vat.amountCents),
        el("cac:TaxSubtotal", {}, [
          amount("TaxableAmount", statement.netCents),
          amount("TaxAmount", statement.vat.amountCents),
          taxCategory("cac:TaxCategory", statement, true),
        ]),
      ]),
      el("cac:LegalMonetaryTotal", {}, [
        amount("LineExtensionAmount", statement.netCents),
        amount("TaxExclusiveAmount", statement.netCents),
        amount("TaxInclusiveAmount", statement.grossCents),
        amount("AllowanceTotalAmount", 0),
        amount("ChargeTotalAmount", 0),
        amount("PrepaidAmount", 0),
        amount("PayableAmount", statement.grossCents),
      ]),
      ...statement.lines.map((line, i) => invoiceLine(line, i, statement)),
    ],
  );
}
