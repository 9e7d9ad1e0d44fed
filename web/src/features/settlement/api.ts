import type { RequestBodyOf, ResponseOf } from "../../api/types";

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
