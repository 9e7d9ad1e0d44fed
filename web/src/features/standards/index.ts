/** The service standards' pages (the catalogue), loaded when first visited. */
export { StandardsPage } from "./StandardsPage";
export { StandardPage } from "./StandardPage";
export { StandardNewPage } from "./StandardNewPage";
