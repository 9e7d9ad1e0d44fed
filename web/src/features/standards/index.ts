/** The service standards' pages: reporting values and their review, loaded when first visited. */
export { ReportingPage } from "./ReportingPage";
export { ValidationPage } from "./ValidationPage";
