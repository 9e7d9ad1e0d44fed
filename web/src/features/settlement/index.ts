/** The settlement's pages, loaded when first visited. */
export { CostRatesPage, ManualRatesPage } from "./CostRatesPage";
