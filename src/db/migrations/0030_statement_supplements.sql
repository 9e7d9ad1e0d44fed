CREATE TABLE "statement_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"borrower_organization_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"entry_id" uuid,
	"expense_id" uuid,
	"sign" integer NOT NULL,
	"minutes" integer,
	"amount_cents" integer,
	"item" jsonb NOT NULL,
	"is_issued" boolean DEFAULT false NOT NULL,
	CONSTRAINT "statement_items_one_subject" CHECK (("statement_items"."entry_id" IS NULL) <> ("statement_items"."expense_id" IS NULL)),
	CONSTRAINT "statement_items_sign" CHECK ("statement_items"."sign" IN (1, -1))
);
--> statement-breakpoint
ALTER TABLE "statements" DROP CONSTRAINT "statements_amounts_plausible";--> statement-breakpoint
DROP INDEX "statements_one_per_pair_month";--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "supplements_id" uuid;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_borrower_organization_id_organizations_id_fk" FOREIGN KEY ("borrower_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_entry_id_timesheet_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."timesheet_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_items" ADD CONSTRAINT "statement_items_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "public"."expenses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statement_items_statement" ON "statement_items" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_items_entry_billed_once" ON "statement_items" USING btree ("entry_id","sign") WHERE "statement_items"."is_issued" AND "statement_items"."entry_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "statement_items_expense_billed_once" ON "statement_items" USING btree ("expense_id","sign") WHERE "statement_items"."is_issued" AND "statement_items"."expense_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_supplements_id_statements_id_fk" FOREIGN KEY ("supplements_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "statements_one_original_per_pair_month" ON "statements" USING btree ("organization_id","borrower_organization_id","month") WHERE "statements"."supplements_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "statements_one_draft_per_pair_month" ON "statements" USING btree ("organization_id","borrower_organization_id","month") WHERE "statements"."state" = 'draft';--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_amounts_plausible" CHECK (("statements"."supplements_id" IS NOT NULL OR ("statements"."net_cents" >= 0 AND "statements"."vat_cents" >= 0)) AND "statements"."gross_cents" = "statements"."net_cents" + "statements"."vat_cents");--> statement-breakpoint
-- Statements issued before statement_items existed: they billed the confirmed hours and expenses of
-- the secondments their lines name, in their month, at the rate of their line (one line per
-- secondment and rate; where a secondment had two rates in a month, the first is recorded — the
-- cumulative pricing of a later supplement may then be off by a cent on that line).
INSERT INTO "statement_items" ("region_id", "organization_id", "borrower_organization_id", "statement_id", "entry_id", "sign", "minutes", "item", "is_issued")
SELECT s.region_id, s.organization_id, s.borrower_organization_id, s.id, e.id, 1, e.minutes,
       jsonb_build_object('kind', 'hours', 'id', e.id, 'secondmentId', e.secondment_id, 'day', e.day::text, 'minutes', e.minutes,
                          'rateCentsPerHour', (l.line->>'rateCentsPerHour')::int, 'rateLabel', l.line->>'rateLabel'),
       true
  FROM "statements" s
  JOIN "timesheet_entries" e ON e.organization_id = s.organization_id AND e.borrower_organization_id = s.borrower_organization_id
   AND to_char(e.day, 'YYYY-MM') = s.month AND e.state IN ('confirmed', 'replaced')
  JOIN LATERAL (SELECT x.line FROM jsonb_array_elements(s.body->'lines') WITH ORDINALITY AS x(line, n)
                 WHERE x.line->>'kind' = 'hours' AND x.line->>'secondmentId' = e.secondment_id::text ORDER BY x.n LIMIT 1) l ON true
 WHERE s.state <> 'draft'
   AND NOT EXISTS (SELECT 1 FROM "timesheet_entries" c WHERE c.corrects_id = e.id AND c.state IN ('confirmed', 'replaced'));
--> statement-breakpoint
INSERT INTO "statement_items" ("region_id", "organization_id", "borrower_organization_id", "statement_id", "expense_id", "sign", "amount_cents", "item", "is_issued")
SELECT s.region_id, s.organization_id, s.borrower_organization_id, s.id, x.id, 1, x.amount_cents,
       jsonb_build_object('kind', 'expense', 'id', x.id, 'secondmentId', x.secondment_id, 'day', x.day::text, 'expenseKind', x.kind,
                          'amountCents', x.amount_cents, 'description', x.kind, 'correctsId', x.corrects_id),
       true
  FROM "statements" s
  JOIN "expenses" x ON x.organization_id = s.organization_id AND x.borrower_organization_id = s.borrower_organization_id
   AND to_char(x.day, 'YYYY-MM') = s.month AND x.state IN ('confirmed', 'replaced')
 WHERE s.state <> 'draft'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.body->'lines') AS l(line) WHERE l.line->>'secondmentId' = x.secondment_id::text)
   AND NOT EXISTS (SELECT 1 FROM "expenses" c WHERE c.corrects_id = x.id AND c.state IN ('confirmed', 'replaced'));
