import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The catalogue of service standards (`GET /api/v1/standards`). */
export type StandardList = ResponseOf<"/api/v1/standards">;
/** One standard of the catalogue with its current version. */
export type StandardSummary = StandardList["items"][number];
/** One version of a standard. */
export type StandardVersion = StandardSummary["current"];
/** One standard with the administrations it applies to and what the caller may do. */
export type StandardDetail = ResponseOf<"/api/v1/standards/{id}">;
/** Every version of a standard, newest first. */
export type StandardVersions = ResponseOf<"/api/v1/standards/{id}/versions">;
/** Services of the bundled LeiKa/OZG catalogue matching a search. */
export type CatalogueSearch = ResponseOf<"/api/v1/service-catalogue">;
/** A new standard as the API takes it. */
export type NewStandard = RequestBodyOf<"/api/v1/standards", "post">;
/** A new version as the API takes it. */
export type NewStandardVersion = RequestBodyOf<"/api/v1/standards/{id}/versions", "post">;
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
/** An import of a value file: its progress and outcome (`GET /api/v1/submissions/imports/{id}`). */
export type SubmissionImport = ResponseOf<"/api/v1/submissions/imports/{id}">;
/** The evaluation of a standard for a period and peer group (`GET /api/v1/evaluations`). */
export type Evaluation = ResponseOf<"/api/v1/evaluations">;
