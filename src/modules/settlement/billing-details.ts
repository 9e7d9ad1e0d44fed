/**
 * An administration's billing details (Rechnungsdaten): read and edited by its own finance office
 * and HR office. What an XRechnung would still miss is said per field, so the finance office sees
 * it before a statement is issued.
 */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { buildStatement } from "../../domain/settlement/statement";
import { isLeitwegIdForm, isValidIban, xrechnungProblems } from "../../domain/settlement/xrechnung";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { organizations } from "../organizations";
import { findOwnBillingDetails, findOwnBillingDetailsForUpdate } from "./statement-scope";
import { statementPolicy } from "./statements.policy";
import type { BillingDetailsBody } from "./statements.schemas";
import { billingDetails } from "./statements.tables";

type Input = z.infer<typeof BillingDetailsBody>;

const EMPTY: Input = {
  leitwegId: "",
  street: "",
  postalCode: "",
  city: "",
  contactName: "",
  contactPhone: "",
  contactEmail: "",
  iban: "",
  bic: "",
  vat: "none",
  taxNumber: "",
  vatId: "",
};

/** What an invoice by (seller) and to (buyer) this administration would miss, per field. */
function missingOf(name: string, ags: string, d: Input) {
  const address = { street: d.street, city: d.city, postalCode: d.postalCode, countryCode: "DE" };
  const statement = buildStatement({
    lenderOrganizationId: "a",
    borrowerOrganizationId: "b",
    month: "2026-01",
    vat: d.vat,
    cases: [
      {
        secondmentId: "x",
        model: "reimbursement",
        label: "x",
        hours: [{ minutes: 60, rateCentsPerHour: 100, rateLabel: "x" }],
        expenses: [],
      },
    ],
  });
  const problems = xrechnungProblems({
    statement,
    seller: {
      name,
      identifier: ags,
      address,
      contact: { name: d.contactName, phone: d.contactPhone, email: d.contactEmail },
      iban: d.iban,
      vatId: d.vatId || undefined,
      taxNumber: d.taxNumber || undefined,
    },
    buyer: { name, leitwegId: d.leitwegId, address },
    invoice: { number: "x", issueDate: "2026-01-31", dueDate: "2026-03-02" },
  });
  const fields: Record<string, keyof Input> = {
    "seller.address.city": "city",
    "seller.address.postalCode": "postalCode",
    "seller.contact.name": "contactName",
    "seller.contact.phone": "contactPhone",
    "seller.contact.email": "contactEmail",
    "seller.iban": "iban",
    "seller.vatId": "vatId",
    "buyer.leitwegId": "leitwegId",
  };
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    const field = fields[p.field];
    if (!field || seen.has(field)) return [];
    seen.add(field);
    return [{ field, message: p.message }];
  });
}

/** The caller's administration's billing details (empty fields where none were entered) and what an XRechnung still misses. */
export async function getBillingDetails(db: Db, actor: Actor) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, ags: organizations.ags })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId));
  const row = await findOwnBillingDetails(db, actor);
  const values: Input = row
    ? {
        leitwegId: row.leitwegId,
        street: row.street,
        postalCode: row.postalCode,
        city: row.city,
        contactName: row.contactName,
        contactPhone: row.contactPhone,
        contactEmail: row.contactEmail,
        iban: row.iban,
        bic: row.bic,
        vat: row.vat,
        taxNumber: row.taxNumber,
        vatId: row.vatId,
      }
    : EMPTY;
  return {
    ...values,
    organization: { id: org.id, name: org.name },
    isDemo: row?.isDemo ?? false,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    missing: missingOf(org.name, org.ags, values),
    abilities: { edit: statementPolicy.can(actor, "billing") },
  };
}

/** Saves the billing details; a filled IBAN or Leitweg-ID must be well-formed (400 at the field). */
export async function saveBillingDetails(db: Db, actor: Actor, input: Input) {
  const fields = [];
  if (input.iban && !isValidIban(input.iban))
    fields.push({
      field: "iban",
      in: "body",
      rule: "iban",
      message: { de: "Die IBAN hat eine falsche Prüfziffer oder Form.", en: "The IBAN has wrong check digits or form." },
    });
  if (input.leitwegId && !isLeitwegIdForm(input.leitwegId))
    fields.push({
      field: "leitwegId",
      in: "body",
      rule: "leitweg_id",
      message: { de: "Die Leitweg-ID hat die Form 03241001-0001-42.", en: "A Leitweg-ID looks like 03241001-0001-42." },
    });
  if (fields.length > 0) throw new AppError("validation", { fields });
  const values = {
    ...input,
    iban: input.iban.replace(/\s+/g, "").toUpperCase(),
    isDemo: false,
    updatedBy: actor.accountId,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    // The first save creates the row (a concurrent one waits on the unique organization and then
    // finds it); every later save locks the row, so the audit says truly what it replaced.
    const [created] = await tx
      .insert(billingDetails)
      .values({ regionId: actor.regionId, organizationId: actor.organizationId, ...values })
      .onConflictDoNothing({ target: billingDetails.organizationId })
      .returning({ id: billingDetails.id });
    const before = created ? null : (await findOwnBillingDetailsForUpdate(tx, actor))!;
    if (before) await tx.update(billingDetails).set(values).where(eq(billingDetails.id, before.id));
    await recordAudit(tx, actor, {
      action: before ? "update" : "create",
      entity: "billing_details",
      entityId: before?.id ?? created.id,
      visibility: "tenant",
      before: before ? { leitwegId: before.leitwegId, iban: before.iban, vat: before.vat } : undefined,
      after: { leitwegId: values.leitwegId, iban: values.iban, vat: values.vat },
    });
  });
  return getBillingDetails(db, actor);
}
