import type { paths } from "../../api/schema";
import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** Every pay group's rate on a day (`GET /api/v1/cost-rates`). */
export type CostRates = ResponseOf<"/api/v1/cost-rates">;
/** One pay group with its rate (or why there is none). */
export type CostRateItem = CostRates["items"][number];
/** One line of a rate's breakdown. */
export type BreakdownLine = NonNullable<CostRateItem["rate"]>["breakdown"][number];
/** The region's parameter versions and manual rates. */
export type CostRateParameters = ResponseOf<"/api/v1/cost-rates/parameters">;
/** A new parameter version as the API takes it. */
export type NewCostRateParameters = paths["/api/v1/cost-rates/parameters"]["post"]["requestBody"]["content"]["application/json"];
/** A manual rate as the API takes it. */
export type NewManualRate = paths["/api/v1/cost-rates/manual"]["post"]["requestBody"]["content"]["application/json"];

/** The hours of a secondment in a month, with totals and what the caller may do. */
export type Timesheet = ResponseOf<"/api/v1/secondments/{id}/timesheets">;
/** One day's entry. */
export type TimesheetEntry = Timesheet["entries"][number];
/** Hours of one or several days, as the week form sends them. */
export type RecordHours = RequestBodyOf<"/api/v1/secondments/{id}/timesheets", "post">;
/** A correction of a confirmed day. */
export type CorrectHours = RequestBodyOf<"/api/v1/secondments/{id}/timesheets/{entryId}/correct", "post">;
/** The expenses of a secondment in a month. */
export type Expenses = ResponseOf<"/api/v1/secondments/{id}/expenses">;
/** One expense with its receipts. */
export type Expense = Expenses["items"][number];
/** An expense as the form sends it (with a receipt as base64). */
export type RecordExpense = RequestBodyOf<"/api/v1/secondments/{id}/expenses", "post">;

/** A page of statements (`GET /api/v1/statements`). */
export type StatementList = ResponseOf<"/api/v1/statements">;
/** One statement with its lines, totals and what the caller may do. */
export type Statement = ResponseOf<"/api/v1/statements/{id}">;
/** The caller's administration's billing details. */
export type BillingDetails = ResponseOf<"/api/v1/billing-details">;
/** Billing details as the form sends them. */
export type BillingDetailsInput = RequestBodyOf<"/api/v1/billing-details", "put">;
/** An administration's hours and reciprocity ledger of a year (`GET /api/v1/balances`). */
export type Balances = ResponseOf<"/api/v1/balances">;
/** A sum as it may be shown: null with the reason when it rests on fewer than 5 people. */
export type Figure = Balances["balance"];
/** The region's balances, flows, netting and year-end rule (`GET /api/v1/balances/region`). */
export type RegionBalances = ResponseOf<"/api/v1/balances/region">;
/** The year-end rule as the API takes it. */
export type YearEndRuleBody = RequestBodyOf<"/api/v1/balances/region/year-end-rule", "put">;
