/** Hours and expenses of secondments: pages, loaded when first visited. */
export { TimesheetPage } from "./TimesheetPage";
