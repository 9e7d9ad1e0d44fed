/**
 * UBL 2.1 element order of the XRechnung export. The official UBL 2.1 XSD is not bundled (see
 * docs/SETTLEMENT.md › XRechnung), so this test holds the sequences of the UBL 2.1 types the
 * export writes and walks the written element tree against them.
 */
import { describe, expect, it } from "vitest";
import { example, parties } from "../../../test/settlement-fixtures";
import type { XmlElement } from "./xml";
import { xrechnungDocument } from "./xrechnung";

/**
 * UBL 2.1's sequences (OASIS UBL 2.1, `xsd/maindoc/UBL-Invoice-2.1.xsd` and
 * `xsd/common/UBL-CommonAggregateComponents-2.1.xsd`) for the types this export writes, trimmed to
 * the elements around those it uses. A child out of this order is what the official schema
 * would refuse.
 */
const UBL_SEQUENCE: Record<string, string[]> = {
  Invoice: [
    "UBLExtensions",
    "UBLVersionID",
    "CustomizationID",
    "ProfileID",
    "ProfileExecutionID",
    "ID",
    "CopyIndicator",
    "UUID",
    "IssueDate",
    "IssueTime",
    "DueDate",
    "InvoiceTypeCode",
    "Note",
    "TaxPointDate",
    "DocumentCurrencyCode",
    "TaxCurrencyCode",
    "PricingCurrencyCode",
    "PaymentCurrencyCode",
    "PaymentAlternativeCurrencyCode",
    "AccountingCostCode",
    "AccountingCost",
    "LineCountNumeric",
    "BuyerReference",
    "InvoicePeriod",
    "OrderReference",
    "BillingReference",
    "DespatchDocumentReference",
    "ReceiptDocumentReference",
    "StatementDocumentReference",
    "OriginatorDocumentReference",
    "ContractDocumentReference",
    "AdditionalDocumentReference",
    "ProjectReference",
    "Signature",
    "AccountingSupplierParty",
    "AccountingCustomerParty",
    "PayeeParty",
    "BuyerCustomerParty",
    "SellerSupplierParty",
    "TaxRepresentativeParty",
    "Delivery",
    "DeliveryTerms",
    "PaymentMeans",
    "PaymentTerms",
    "PrepaidPayment",
    "AllowanceCharge",
    "TaxExchangeRate",
    "PricingExchangeRate",
    "PaymentExchangeRate",
    "PaymentAlternativeExchangeRate",
    "TaxTotal",
    "WithholdingTaxTotal",
    "LegalMonetaryTotal",
    "InvoiceLine",
  ],
  AccountingSupplierParty: [
    "CustomerAssignedAccountID",
    "AdditionalAccountID",
    "DataSendingCapability",
    "Party",
    "DespatchContact",
    "AccountingContact",
    "SellerContact",
  ],
  AccountingCustomerParty: [
    "CustomerAssignedAccountID",
    "SupplierAssignedAccountID",
    "AdditionalAccountID",
    "Party",
    "DeliveryContact",
    "AccountingContact",
    "BuyerContact",
  ],
  Party: [
    "MarkCareIndicator",
    "MarkAttentionIndicator",
    "WebsiteURI",
    "LogoReferenceID",
    "EndpointID",
    "IndustryClassificationCode",
    "PartyIdentification",
    "PartyName",
    "Language",
    "PostalAddress",
    "PhysicalLocation",
    "PartyTaxScheme",
    "PartyLegalEntity",
    "Contact",
    "Person",
    "AgentParty",
    "ServiceProviderParty",
    "PowerOfAttorney",
    "FinancialAccount",
  ],
  PartyIdentification: ["ID"],
  PostalAddress: [
    "ID",
    "AddressTypeCode",
    "AddressFormatCode",
    "Postbox",
    "Floor",
    "Room",
    "StreetName",
    "AdditionalStreetName",
    "BlockName",
    "BuildingName",
    "BuildingNumber",
    "InhouseMail",
    "Department",
    "MarkAttention",
    "MarkCare",
    "PlotIdentification",
    "CitySubdivisionName",
    "CityName",
    "PostalZone",
    "CountrySubentity",
    "CountrySubentityCode",
    "Region",
    "District",
    "TimezoneOffset",
    "AddressLine",
    "Country",
    "LocationCoordinate",
  ],
  Country: ["IdentificationCode", "Name"],
  PartyTaxScheme: [
    "RegistrationName",
    "CompanyID",
    "TaxLevelCode",
    "ExemptionReasonCode",
    "ExemptionReason",
    "RegistrationAddress",
    "TaxScheme",
  ],
  TaxScheme: ["ID", "Name", "TaxTypeCode", "CurrencyCode", "JurisdictionRegionAddress"],
  PartyLegalEntity: [
    "RegistrationName",
    "CompanyID",
    "RegistrationDate",
    "RegistrationExpirationDate",
    "CompanyLegalFormCode",
    "CompanyLegalForm",
  ],
  Contact: ["ID", "Name", "Telephone", "Telefax", "ElectronicMail", "Note", "OtherCommunication"],
  InvoicePeriod: ["StartDate", "StartTime", "EndDate", "EndTime", "DurationMeasure", "DescriptionCode", "Description"],
  PaymentMeans: [
    "ID",
    "PaymentMeansCode",
    "PaymentDueDate",
    "PaymentChannelCode",
    "InstructionID",
    "InstructionNote",
    "PaymentID",
    "CardAccount",
    "PayerFinancialAccount",
    "PayeeFinancialAccount",
    "CreditAccount",
    "PaymentMandate",
    "TradeFinancing",
  ],
  PayeeFinancialAccount: [
    "ID",
    "Name",
    "AliasName",
    "AccountTypeCode",
    "AccountFormatCode",
    "CurrencyCode",
    "PaymentNote",
    "FinancialInstitutionBranch",
    "Country",
  ],
  FinancialInstitutionBranch: ["ID", "Name", "FinancialInstitution", "Address"],
  PaymentTerms: ["ID", "PaymentMeansID", "PrepaidPaymentReferenceID", "Note"],
  TaxTotal: ["TaxAmount", "RoundingAmount", "TaxEvidenceIndicator", "TaxIncludedIndicator", "TaxSubtotal"],
  TaxSubtotal: [
    "TaxableAmount",
    "TaxAmount",
    "CalculationSequenceNumeric",
    "TransactionCurrencyTaxAmount",
    "Percent",
    "BaseUnitMeasure",
    "PerUnitAmount",
    "TierRange",
    "TierRatePercent",
    "TaxCategory",
  ],
  TaxCategory: [
    "ID",
    "Name",
    "Percent",
    "BaseUnitMeasure",
    "PerUnitAmount",
    "TaxExemptionReasonCode",
    "TaxExemptionReason",
    "TierRange",
    "TierRatePercent",
    "TaxScheme",
  ],
  ClassifiedTaxCategory: [
    "ID",
    "Name",
    "Percent",
    "BaseUnitMeasure",
    "PerUnitAmount",
    "TaxExemptionReasonCode",
    "TaxExemptionReason",
    "TierRange",
    "TierRatePercent",
    "TaxScheme",
  ],
  LegalMonetaryTotal: [
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
    "PayableAlternativeAmount",
  ],
  InvoiceLine: [
    "ID",
    "UUID",
    "Note",
    "InvoicedQuantity",
    "LineExtensionAmount",
    "TaxPointDate",
    "AccountingCostCode",
    "AccountingCost",
    "PaymentPurposeCode",
    "FreeOfChargeIndicator",
    "InvoicePeriod",
    "OrderLineReference",
    "DespatchLineReference",
    "ReceiptLineReference",
    "BillingReference",
    "DocumentReference",
    "PricingReference",
    "OriginatorParty",
    "Delivery",
    "PaymentTerms",
    "AllowanceCharge",
    "TaxTotal",
    "WithholdingTaxTotal",
    "Item",
    "Price",
  ],
  Item: [
    "Description",
    "PackQuantity",
    "PackSizeNumeric",
    "CatalogueIndicator",
    "Name",
    "HazardousRiskIndicator",
    "AdditionalInformation",
    "Keyword",
    "BrandName",
    "ModelName",
    "BuyersItemIdentification",
    "SellersItemIdentification",
    "StandardItemIdentification",
    "CommodityClassification",
    "ClassifiedTaxCategory",
    "AdditionalItemProperty",
  ],
  BillingReference: [
    "InvoiceDocumentReference",
    "SelfBilledInvoiceDocumentReference",
    "CreditNoteDocumentReference",
    "SelfBilledCreditNoteDocumentReference",
    "DebitNoteDocumentReference",
    "ReminderDocumentReference",
    "AdditionalDocumentReference",
    "BillingReferenceLine",
  ],
  InvoiceDocumentReference: ["ID", "CopyIndicator", "UUID", "IssueDate", "IssueTime", "DocumentTypeCode", "DocumentType"],
  Price: ["PriceAmount", "BaseQuantity", "PriceChangeReason", "PriceTypeCode", "PriceType", "OrderableUnitFactorRate", "ValidityPeriod"],
};

const localName = (name: string) => name.replace(/^[a-z]+:/, "");

/** Every element with children against its UBL sequence: known children only, in order, each at most once except where UBL repeats them. */
function orderProblems(element: XmlElement, at = ""): string[] {
  if (typeof element.content === "string") return [];
  const here = `${at}/${localName(element.name)}`;
  const sequence = UBL_SEQUENCE[localName(element.name)];
  if (!sequence) return [`${here}: no UBL sequence known`];
  const problems: string[] = [];
  let last = -1;
  for (const child of element.content) {
    const position = sequence.indexOf(localName(child.name));
    if (position === -1) problems.push(`${here}: ${child.name} is not a child of it`);
    else if (position < last) problems.push(`${here}: ${child.name} comes too late`);
    last = Math.max(last, position);
    problems.push(...orderProblems(child, here));
  }
  return problems;
}

describe("UBL 2.1 element order", () => {
  it("keeps every element in the order of its UBL 2.1 type, with and without VAT and optional fields", () => {
    const full = {
      ...parties.seller,
      vatId: "DE123456789",
      bic: "COBADEFFXXX",
      address: { ...parties.seller.address, additionalStreet: "Rathaus" },
    };
    for (const input of [
      example(),
      example(
        { vat: "section_2b" },
        {
          seller: full,
          buyer: { ...parties.buyer, identifier: "03241", contact: parties.seller.contact },
          invoice: { ...parties.invoice, note: "Erstattung Januar" },
        },
      ),
      example({}, { invoice: { ...parties.invoice, precedingInvoice: { number: "WUN-2027-0001", issueDate: "2027-02-03" } } }),
    ]) {
      expect(orderProblems(xrechnungDocument(input))).toEqual([]);
    }
  });

  it("would notice an element out of order", () => {
    const doc = xrechnungDocument(example());
    const children = [...(doc.content as XmlElement[])];
    [children[2], children[3]] = [children[3], children[2]]; // IssueDate before ID
    expect(orderProblems({ ...doc, content: children })).toEqual(["/Invoice: cbc:ID comes too late"]);
  });
});
