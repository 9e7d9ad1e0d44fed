/** The settlement's pages, loaded when first visited. */
export { CostRatesPage } from "./CostRatesPage";
export { ManualRatesPage } from "./ManualRatesPage";
