/** Support requests, crises and the crisis board: pages, loaded when first visited. */
export { CrisesPage } from "./CrisesPage";
export { CrisisBoardPage } from "./CrisisBoardPage";
export { RequestEditPage, RequestNewPage } from "./RequestNewPage";
export { RequestPage } from "./RequestPage";
export { RequestsPage } from "./RequestsPage";
