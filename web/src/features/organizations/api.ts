import type { ResponseOf } from "../../api/types";

/** The region's administrations (public data). */
export type Organizations = ResponseOf<"/api/v1/organizations">;
/** An administration of the region as the list presents it. */
export type Organization = Organizations["items"][number];
/** One administration with its departments (these only for staff of the region). */
export type OrganizationDetail = ResponseOf<"/api/v1/organizations/{id}">;
/** A department of an administration. */
export type Department = NonNullable<OrganizationDetail["departments"]>[number];
/** The administrations' boundaries as GeoJSON. */
export type Boundaries = ResponseOf<"/api/v1/organizations/boundaries">;
