import type { ResponseOf } from "../../api/types";

/** Every administration with the number of its published values (`GET /api/v1/transparency`). */
export type TransparencyOverview = ResponseOf<"/api/v1/transparency">;
/** One administration's published values per standard. */
export type TransparencyOrganization = ResponseOf<"/api/v1/transparency/organizations/{id}">;
