import type { paths } from "../../api/schema";
import type { ResponseOf } from "../../api/types";

/** Every pay group's rate on a day (`GET /api/v1/cost-rates`). */
export type CostRates = ResponseOf<"/api/v1/cost-rates">;
/** One pay group with its rate (or why there is none). */
export type CostRateItem = CostRates["items"][number];
/** One line of a rate's breakdown. */
export type BreakdownLine = NonNullable<CostRateItem["rate"]>["breakdown"][number];
/** The region's parameter versions and manual rates. */
export type CostRateParameters = ResponseOf<"/api/v1/cost-rates/parameters">;
/** A new parameter version as the API takes it. */
export type NewCostRateParameters = paths["/api/v1/cost-rates/parameters"]["post"]["requestBody"]["content"]["application/json"];
/** A manual rate as the API takes it. */
export type NewManualRate = paths["/api/v1/cost-rates/manual"]["post"]["requestBody"]["content"]["application/json"];
