/** The service standards' pages (the catalogue), loaded when first visited. */
export { StandardsPage } from "./StandardsPage";
export { StandardPage } from "./StandardPage";
export { StandardNewPage } from "./StandardNewPage";
/** The service standards' pages: reporting values and their review, loaded when first visited. */
export { ReportingPage } from "./ReportingPage";
export { ValidationPage } from "./ValidationPage";
/** The evaluation of a standard: distribution, map, best practice and the way to support. */
export { EvaluationPage } from "./EvaluationPage";
