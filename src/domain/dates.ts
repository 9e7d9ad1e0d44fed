/** Dates live in the kernel (`src/kernel/dates.ts`); re-exported here for the domain's readers. */
export { germanDate, today as todayInGermany } from "../kernel/dates";
