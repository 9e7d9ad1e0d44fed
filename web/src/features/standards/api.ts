import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The reporting sheet of the own administration for a period (`GET /api/v1/submissions/sheet`). */
export type ReportingSheet = ResponseOf<"/api/v1/submissions/sheet">;
/** One standard of the sheet with its current value. */
export type SheetRow = ReportingSheet["rows"][number];
/** A page of reported values. */
export type SubmissionList = ResponseOf<"/api/v1/submissions">;
/** One reported value. */
export type Submission = SubmissionList["items"][number];
/** A batch of values as the form sends it. */
export type NewSubmissions = RequestBodyOf<"/api/v1/submissions", "post">;
