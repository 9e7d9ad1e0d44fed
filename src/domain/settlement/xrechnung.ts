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
import { decimalEuros, exactHours, germanEuros, germanHours } from "./money";
import { EXPENSE_KIND_WORDS, type Statement, type StatementLine } from "./statement";
import { el, renderXml, type XmlElement } from "./xml";
import {
  xrechnungProblems,
  XRechnungRefused,
  type BuyerMasterData,
  type Contact,
  type PostalAddress,
  type SellerMasterData,
  type XRechnungInput,
} from "./xrechnung-input";

export * from "./xrechnung-input";

/** BT-24: XRechnung 3.0 (the CIUS of EN 16931 by KoSIT). */
export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
/** BT-23: the Peppol billing process. */
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
/** BT-3: commercial invoice. */
export const INVOICE_TYPE_CODE = "380";
/**
 * BT-3 of a supplement (Nachtrag): corrected invoice (UNTDID 1001 code 384, allowed by BR-DE-17).
 * It names the month's original statement as preceding invoice (BG-3) and may be negative — a
 * credit from the lender to the borrower — which EN 16931 allows on an invoice (only prices may not
 * be negative, BR-27: a reversal line has a negative quantity at a positive price).
 */
export const CORRECTED_INVOICE_TYPE_CODE = "384";
/** BT-81: SEPA credit transfer. */
export const PAYMENT_MEANS_CODE = "58";
/** BT-121 for category `O`. */
export const NOT_SUBJECT_TO_VAT_CODE = "VATEX-EU-O";
/** BT-120 for category `O`: the standard text, with the reason. */
export const NOT_SUBJECT_TO_VAT_TEXT = "Nicht der Umsatzsteuer unterliegend (§ 2b UStG)";

const blank = (s: string | undefined) => (s ?? "").trim() === "";
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
  if (line.kind === "expense") return { quantity: line.amountCents < 0 ? "-1" : "1", unit: "C62" };
  const hours = exactHours(line.minutes);
  return hours !== null ? { quantity: hours, unit: "HUR", base: "1" } : { quantity: String(line.minutes), unit: "MIN", base: "60" };
}

function invoiceLine(line: StatementLine, index: number, statement: Statement): XmlElement {
  const { quantity, unit, base } = quantityOf(line);
  const name = line.kind === "hours" ? `Personalkosten: ${line.caseLabel}` : `${EXPENSE_KIND_WORDS[line.expenseKind]}: ${line.caseLabel}`;
  const description =
    line.kind === "hours"
      ? [line.rateLabel.trim(), `${germanHours(line.minutes)} Std. zu ${germanEuros(line.rateCentsPerHour)} € je Stunde`]
          .filter(Boolean)
          .join("; ")
      : line.description;
  const described = [description, line.note].filter((x) => !blank(x)).join("; ");
  // A reversal is a negative quantity at the (positive) price: BR-27.
  const price = line.kind === "hours" ? line.rateCentsPerHour : Math.abs(line.amountCents);
  return el("cac:InvoiceLine", {}, [
    cbc("ID", String(index + 1)),
    cbc("InvoicedQuantity", quantity, { unitCode: unit }),
    amount("LineExtensionAmount", line.amountCents),
    el("cac:Item", {}, [
      !blank(described) && cbc("Description", described),
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
      cbc("InvoiceTypeCode", invoice.precedingInvoice ? CORRECTED_INVOICE_TYPE_CODE : INVOICE_TYPE_CODE),
      !blank(invoice.note) && cbc("Note", invoice.note!),
      cbc("DocumentCurrencyCode", "EUR"),
      cbc("BuyerReference", buyer.leitwegId),
      el("cac:InvoicePeriod", {}, [cbc("StartDate", statement.periodStart), cbc("EndDate", statement.periodEnd)]),
      invoice.precedingInvoice &&
        el("cac:BillingReference", {}, [
          el("cac:InvoiceDocumentReference", {}, [
            cbc("ID", invoice.precedingInvoice.number),
            cbc("IssueDate", invoice.precedingInvoice.issueDate),
          ]),
        ]),
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
      el("cac:PaymentTerms", {}, [
        cbc(
          "Note",
          statement.grossCents < 0
            ? `Gutschrift: Der Betrag wird bis ${invoice.dueDate.split("-").reverse().join(".")} ${
                blank(buyer.refundIban) ? "" : `auf das Konto IBAN ${buyer.refundIban!.replace(/\s+/g, "").toUpperCase()} `
              }erstattet.`
            : `Zahlbar bis ${invoice.dueDate.split("-").reverse().join(".")} ohne Abzug.`,
        ),
      ]),
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
