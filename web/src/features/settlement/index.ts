/** The settlement's pages (cost rates, hours and expenses of secondments), loaded when first visited. */
export { CostRatesPage } from "./CostRatesPage";
export { ManualRatesPage } from "./ManualRatesPage";
export { TimesheetPage } from "./TimesheetPage";
export { StatementsPage } from "./StatementsPage";
export { StatementPage } from "./StatementPage";
export { BillingDetailsPage } from "./BillingDetailsPage";
export { BalancesPage } from "./BalancesPage";
