/**
 * The XRechnung export read back by libxml2 (`xmllint`, Debian's libxml2-utils): well-formed, every
 * field EN 16931 and XRechnung 3.0 require present, totals equal to the statement's, special
 * characters intact. The official UBL 2.1 XSD is not bundled (see docs/SETTLEMENT.md › XRechnung);
 * `ubl-order.test.ts` checks the element order instead.
 */
import { settleMonth, type BillableItem } from "./settle-month";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbitraryStatementInput, example, parties } from "../../../test/settlement-fixtures";
import { buildStatement } from "./statement";
import {
  CUSTOMIZATION_ID,
  isLeitwegIdForm,
  isValidIban,
  PROFILE_ID,
  xrechnungInvoice,
  xrechnungProblems,
  XRechnungRefused,
} from "./xrechnung";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xrechnung-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** Writes the document to a file and returns a function that asks xmllint an XPath question. */
function read(xml: string) {
  const file = path.join(dir, `invoice-${fileNo++}.xml`);
  fs.writeFileSync(file, xml);
  execFileSync("xmllint", ["--noout", file]); // throws unless well-formed
  return (expr: string): string => {
    try {
      // xmllint ends its answer with one line feed of its own
      return execFileSync("xmllint", ["--xpath", expr, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).replace(/\n$/, "");
    } catch (e) {
      if ((e as { status?: number }).status === 10) return ""; // "XPath set is empty"
      throw e;
    }
  };
}

const NS: Record<string, string> = {
  inv: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};
/** `/inv:Invoice/cbc:ID` → an XPath 1.0 path by namespace URI and local name (xmllint's --xpath knows no prefixes). */
function q(p: string): string {
  return p.replace(/([a-z]+):([A-Za-z]+)/g, (_, prefix: string, local: string) =>
    NS[prefix] ? `*[local-name()='${local}' and namespace-uri()='${NS[prefix]}']` : `${prefix}:${local}`,
  );
}
/** Decimal string → cents, exactly. */
const cents = (s: string) => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`not an amount: ${s}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
};

describe("XRechnung export", () => {
  const input = example();
  const xpath = read(xrechnungInvoice(input));
  const value = (p: string) => xpath(`string(${q(p)})`);
  const count = (p: string) => Number(xpath(`count(${q(p)})`));

  it("names XRechnung 3.0, the Peppol process, an invoice (380) in euros, and the Leitweg-ID as buyer reference", () => {
    expect(value("/inv:Invoice/cbc:CustomizationID")).toBe("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");
    expect(value("/inv:Invoice/cbc:CustomizationID")).toBe(CUSTOMIZATION_ID);
    expect(value("/inv:Invoice/cbc:ProfileID")).toBe(PROFILE_ID);
    expect(value("/inv:Invoice/cbc:InvoiceTypeCode")).toBe("380");
    expect(value("/inv:Invoice/cbc:DocumentCurrencyCode")).toBe("EUR");
    expect(value("/inv:Invoice/cbc:BuyerReference")).toBe("03241000-ERSTATTUNG-42");
    expect(value("/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")).toBe("03241000-ERSTATTUNG-42");
    expect(value("/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID")).toBe("0204");
  });

  /** The business terms EN 16931 and XRechnung 3.0 make mandatory (and those this export always fills). */
  const REQUIRED: Record<string, string> = {
    "BT-1 invoice number": "/inv:Invoice/cbc:ID",
    "BT-2 issue date": "/inv:Invoice/cbc:IssueDate",
    "BT-3 type code": "/inv:Invoice/cbc:InvoiceTypeCode",
    "BT-5 currency": "/inv:Invoice/cbc:DocumentCurrencyCode",
    "BT-9 due date": "/inv:Invoice/cbc:DueDate",
    "BT-10 buyer reference": "/inv:Invoice/cbc:BuyerReference",
    "BT-20 payment terms": "/inv:Invoice/cac:PaymentTerms/cbc:Note",
    "BT-23 process": "/inv:Invoice/cbc:ProfileID",
    "BT-24 specification": "/inv:Invoice/cbc:CustomizationID",
    "BT-27 seller name": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "BT-29 seller identifier": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID",
    "BT-34 seller electronic address": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID",
    "BT-34-1 its scheme": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID/@schemeID",
    "BT-35 seller street": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:StreetName",
    "BT-37 seller city": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CityName",
    "BT-38 seller post code": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PostalZone",
    "BT-40 seller country": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
    "BT-41 seller contact": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Name",
    "BT-42 seller telephone": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Telephone",
    "BT-43 seller e-mail": "/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:ElectronicMail",
    "BT-44 buyer name": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "BT-49 buyer electronic address": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID",
    "BT-50 buyer street": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:StreetName",
    "BT-52 buyer city": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CityName",
    "BT-53 buyer post code": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:PostalZone",
    "BT-55 buyer country": "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
    "BT-73 period start": "/inv:Invoice/cac:InvoicePeriod/cbc:StartDate",
    "BT-74 period end": "/inv:Invoice/cac:InvoicePeriod/cbc:EndDate",
    "BT-81 payment means": "/inv:Invoice/cac:PaymentMeans/cbc:PaymentMeansCode",
    "BT-83 remittance information": "/inv:Invoice/cac:PaymentMeans/cbc:PaymentID",
    "BT-84 IBAN": "/inv:Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
    "BT-106 sum of lines": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount",
    "BT-107 sum of allowances": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount",
    "BT-108 sum of charges": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:ChargeTotalAmount",
    "BT-109 total without VAT": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
    "BT-110 VAT total": "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount",
    "BT-112 total with VAT": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
    "BT-113 paid amount": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PrepaidAmount",
    "BT-115 amount due": "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount",
    "BT-116 taxable amount": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount",
    "BT-117 category tax amount": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount",
    "BT-118 VAT category": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID",
    "BT-119 VAT rate (BR-DE-14)": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent",
    "BT-120 exemption reason": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason",
    "BT-121 exemption reason code": "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode",
  };

  it.each(Object.entries(REQUIRED))("carries %s", (_, p) => {
    expect(value(p).trim()).not.toBe("");
  });

  /** Per line (BG-25): BT-126 … BT-131, BT-146, BT-151, BT-153. */
  const PER_LINE: Record<string, string> = {
    "BT-126 line id": "cbc:ID",
    "BT-129 quantity": "cbc:InvoicedQuantity",
    "BT-130 unit": "cbc:InvoicedQuantity/@unitCode",
    "BT-131 line net amount": "cbc:LineExtensionAmount",
    "BT-146 net price": "cac:Price/cbc:PriceAmount",
    "BT-151 VAT category": "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
    "BT-153 item name": "cac:Item/cbc:Name",
  };
  it.each(Object.entries(PER_LINE))("carries %s on every line", (_, p) => {
    const lines = count("/inv:Invoice/cac:InvoiceLine");
    expect(lines).toBe(input.statement.lines.length);
    expect(count(`/inv:Invoice/cac:InvoiceLine/${p}`)).toBe(lines);
  });

  it("has the statement's totals: lines, net, VAT, gross, amount due", () => {
    // 37,5 h × 52,30 € = 1.961,25 €; 20 min × 52,30 € = 17,433 → 17,43 €; travel 44,80 €
    expect(xpath(q("/inv:Invoice/cac:InvoiceLine/cbc:LineExtensionAmount/text()")).trim().split("\n")).toEqual([
      "1961.25",
      "17.43",
      "44.80",
    ]);
    expect(value("/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount")).toBe("2023.48");
    expect(cents(value("/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"))).toBe(input.statement.netCents);
    expect(cents(value("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount"))).toBe(0);
    expect(cents(value("/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"))).toBe(input.statement.grossCents);
    expect(cents(value("/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"))).toBe(202348);
  });

  it("writes hours as HUR where exact and as minutes priced per 60 MIN otherwise, expenses as one piece", () => {
    const line = (n: number, p: string) => value(`/inv:Invoice/cac:InvoiceLine[${n}]/${p}`);
    expect([line(1, "cbc:InvoicedQuantity"), line(1, "cbc:InvoicedQuantity/@unitCode"), line(1, "cac:Price/cbc:BaseQuantity")]).toEqual([
      "37.5",
      "HUR",
      "1",
    ]);
    expect([line(2, "cbc:InvoicedQuantity"), line(2, "cbc:InvoicedQuantity/@unitCode"), line(2, "cac:Price/cbc:BaseQuantity")]).toEqual([
      "20",
      "MIN",
      "60",
    ]);
    expect(line(2, "cac:Price/cbc:PriceAmount")).toBe("52.30");
    expect(line(1, "cac:Item/cbc:Description")).toBe("Entgeltgruppe E 9b, Stufe 3; 37,50 Std. zu 52,30 € je Stunde");
    expect(line(1, "cac:Item/cbc:Name")).toBe("Personalkosten: Abordnung Gesundheitsamt, Kontaktnachverfolgung");
    expect([line(3, "cbc:InvoicedQuantity/@unitCode"), line(3, "cac:Price/cbc:PriceAmount"), line(3, "cac:Item/cbc:Name")]).toEqual([
      "C62",
      "44.80",
      "Fahrtkosten: Abordnung Gesundheitsamt, Kontaktnachverfolgung",
    ]);
  });

  it("describes an hours line without a stray separator when its rate has no label", () => {
    const unlabelled = example({
      cases: [
        {
          secondmentId: "s9",
          model: "reimbursement",
          label: "Bauamt",
          hours: [{ minutes: 60, rateCentsPerHour: 4000, rateLabel: " " }],
          expenses: [],
        },
      ],
    });
    const x = read(xrechnungInvoice(unlabelled));
    expect(x(`string(${q("/inv:Invoice/cac:InvoiceLine/cac:Item/cbc:Description")})`)).toBe("1,00 Std. zu 40,00 € je Stunde");
  });

  it("without § 2b UStG: category O with reason, no rate on the lines (BR-O-05), 0 in the breakdown (BR-DE-14), no VAT ID (BR-O-02)", () => {
    expect(value("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).toBe("O");
    expect(value("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent")).toBe("0");
    expect(value("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")).toBe("VATEX-EU-O");
    expect(count("/inv:Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")).toBe(0);
    const withVatId = read(xrechnungInvoice(example({}, { seller: { ...parties.seller, vatId: "DE123456789" } })));
    expect(withVatId(`count(${q("//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']")})`)).toBe("0");
    expect(withVatId(`string(${q("//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='FC']/cbc:CompanyID")})`)).toBe("24/200/12345");
  });

  it("under § 2b UStG: category S at 19 % on every line and in the breakdown, the VAT ID written, totals with VAT", () => {
    const taxed = example({ vat: "section_2b" }, { seller: { ...parties.seller, vatId: "DE123456789" } });
    const x = read(xrechnungInvoice(taxed));
    const v = (p: string) => x(`string(${q(p)})`);
    expect(v("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).toBe("S");
    expect(v("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent")).toBe("19");
    expect(x(`count(${q("/inv:Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory[cbc:ID='S' and cbc:Percent='19']")})`)).toBe("3");
    expect(x(`count(${q("//cbc:TaxExemptionReason")})`)).toBe("0");
    // 2.023,48 € × 19 % = 384,4612 → 384,46 €
    expect(v("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).toBe("384.46");
    expect(v("/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")).toBe("2407.94");
    expect(v("//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID")).toBe("DE123456789");
    expect(cents(v("/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"))).toBe(taxed.statement.grossCents);
  });

  it("keeps names with special characters exactly, and replaces what XML cannot carry", () => {
    const name = `Stadt "Wunstorf" & <Söhne> 'Straße' ẞ 😀 a\r\nb\tc ]]>`;
    const x = read(
      xrechnungInvoice(
        example({}, { seller: { ...parties.seller, name }, buyer: { ...parties.buyer, name: "Region\u0001Hannover \ud800" } }),
      ),
    );
    expect(x(`string(${q("/inv:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName")})`)).toBe(name);
    expect(x(`string(${q("/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName")})`)).toBe(
      "Region\uFFFDHannover \uFFFD",
    );
  });
});

describe("XRechnung refusals", () => {
  it("names each broken rule in German and English instead of writing a defective invoice", () => {
    const broken = example(
      { vat: "section_2b" },
      {
        seller: {
          ...parties.seller,
          taxNumber: undefined,
          identifier: undefined,
          iban: "DE89 3704 0044 0532 0130 01",
          contact: { name: "", phone: "1", email: "kasse" },
        },
        buyer: { ...parties.buyer, leitwegId: "" },
        invoice: { number: " ", issueDate: "2027-02-30", dueDate: "2027-03-05" },
      },
    );
    const rules = xrechnungProblems(broken).map((p) => p.rule);
    expect(rules).toEqual(["BR-02", "BR-03", "BR-DE-5", "BR-DE-6", "BR-DE-7", "BR-DE-19", "BR-S-02", "BR-CO-26", "BR-DE-15"]);
    expect(() => xrechnungInvoice(broken)).toThrow(XRechnungRefused);
    for (const p of xrechnungProblems(broken)) expect(p.message.de && p.message.en).toBeTruthy();
    const vatIdWithoutCountry = example({ vat: "section_2b" }, { seller: { ...parties.seller, vatId: "123456789" } });
    expect(xrechnungProblems(vatIdWithoutCountry).map((p) => p.rule)).toEqual(["BR-CO-09"]);
  });

  it("refuses an empty statement (BR-16: at least one line)", () => {
    const empty = example({ cases: [] });
    expect(xrechnungProblems(empty).map((p) => p.rule)).toEqual(["BR-16"]);
  });

  it("checks IBANs by their check digits and Leitweg-IDs by their form", () => {
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("DE89370400440532013001")).toBe(false);
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isLeitwegIdForm("04011000-1234512345-06")).toBe(true);
    expect(isLeitwegIdForm("991-33333TEST-33")).toBe(true);
    expect(isLeitwegIdForm("03241000")).toBe(false);
  });
});

describe("XRechnung of a supplement (Nachtrag)", () => {
  // The original billed 7,75 h on 12 November; a correction to 6,00 h was confirmed afterwards.
  const first: BillableItem = {
    kind: "hours",
    id: "a",
    secondmentId: "s1",
    day: "2027-01-12",
    minutes: 465,
    rateCentsPerHour: 5230,
    rateLabel: "E 9b",
  };
  const correction: BillableItem = { ...first, id: "b", minutes: 360 };
  const { statement } = settleMonth({
    lenderOrganizationId: "wunstorf",
    borrowerOrganizationId: "region",
    month: "2027-01",
    vat: "none",
    secondments: [{ id: "s1", model: "reimbursement", label: "Abordnung Gesundheitsamt" }],
    inForce: [correction],
    billed: [first],
    isSupplement: true,
  });
  const precedingInvoice = { number: "WUN-2027-0001", issueDate: "2027-02-03" };

  it("a negative one is a corrected invoice (384) naming the original (BG-3), with a reversal line of negative quantity at a positive price (BR-27)", () => {
    expect(statement.grossCents).toBe(-9153); // −7,75 h + 6,00 h = −1,75 h × 52,30 €
    const x = read(xrechnungInvoice({ statement, ...parties, invoice: { ...parties.invoice, number: "WUN-2027-0002", precedingInvoice } }));
    const v = (p: string) => x(`string(${q(p)})`);
    expect(v("/inv:Invoice/cbc:InvoiceTypeCode")).toBe("384");
    expect(v("/inv:Invoice/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")).toBe("WUN-2027-0001");
    expect(v("/inv:Invoice/cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate")).toBe("2027-02-03");
    expect(cents(v("/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"))).toBe(statement.grossCents);
    expect(cents(v("/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount"))).toBe(statement.netCents);
    expect(v("/inv:Invoice/cac:InvoiceLine[1]/cbc:InvoicedQuantity")).toBe("-7.75");
    expect(cents(v("/inv:Invoice/cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount"))).toBe(5230);
    expect(v("/inv:Invoice/cac:InvoiceLine[1]/cac:Item/cbc:Description")).toContain("Korrektur vom 12.01.2027: 7,75 Std. → 6,00 Std.");
    expect(v("/inv:Invoice/cac:PaymentTerms/cbc:Note")).toContain("Gutschrift");
    // The refund goes to the buyer's account where the buyer named one.
    const refunded = read(
      xrechnungInvoice({
        statement,
        ...parties,
        buyer: { ...parties.buyer, refundIban: "DE10 9999 9999 0000 0032 41" },
        invoice: { ...parties.invoice, number: "WUN-2027-0002", precedingInvoice },
      }),
    );
    expect(refunded(`string(${q("/inv:Invoice/cac:PaymentTerms/cbc:Note")})`)).toMatch(
      /^Gutschrift: Der Betrag wird bis \d{2}\.\d{2}\.\d{4} auf das Konto IBAN DE10999999990000003241 erstattet\.$/,
    );
  });

  it("without the original it is refused: a negative invoice needs its preceding invoice", () => {
    expect(() => xrechnungInvoice({ statement, ...parties })).toThrow(XRechnungRefused);
  });
});

describe("XRechnung properties", () => {
  it("for any statement: well-formed, the lines sum to BT-106, BT-112 = BT-109 + BT-110, and BT-115 is the statement's gross", () => {
    fc.assert(
      fc.property(arbitraryStatementInput, (i) => {
        const statement = buildStatement(i);
        const input = { statement, ...parties, seller: { ...parties.seller, vatId: "DE123456789" } };
        if (statement.lines.length === 0) {
          expect(() => xrechnungInvoice(input)).toThrow(XRechnungRefused);
          return;
        }
        const x = read(xrechnungInvoice(input));
        const lineAmounts = x(q("/inv:Invoice/cac:InvoiceLine/cbc:LineExtensionAmount/text()")).trim().split("\n").map(cents);
        const [bt106, bt109, bt110, bt112, bt115, bt116, bt117] = x(
          `concat(${[
            "/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount",
            "/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
            "/inv:Invoice/cac:TaxTotal/cbc:TaxAmount",
            "/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
            "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount",
            "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount",
            "/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount",
          ]
            .map((p) => `string(${q(p)})`)
            .join(", ' ', ")})`,
        )
          .split(" ")
          .map(cents);
        expect(lineAmounts).toEqual(statement.lines.map((l) => l.amountCents));
        expect(lineAmounts.reduce((a, b) => a + b, 0)).toBe(bt106);
        expect(bt109).toBe(bt106);
        expect(bt112).toBe(bt109 + bt110);
        expect(bt115).toBe(statement.grossCents);
        expect(bt110).toBe(statement.vat.amountCents);
        expect(bt116).toBe(bt106); // BR-S-08 / BR-O-08: one breakdown, all lines in it
        expect(bt117).toBe(bt110); // BR-CO-14
      }),
      { numRuns: 40 },
    );
  });
});
