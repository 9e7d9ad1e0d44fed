import { api } from "../../api/client";
import { allPages } from "../../api/hooks";
import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The region's qualification catalogue. */
export type Qualifications = ResponseOf<"/api/v1/qualifications">;
/** One qualification of the catalogue. */
export type Qualification = Qualifications["items"][number];
/** A new entry of the catalogue. */
export type NewQualification = RequestBodyOf<"/api/v1/qualifications", "post">;
/** A category of the catalogue (the server's list; the form offers exactly these). */
export type QualificationCategory = NewQualification["category"];

/** The caller's own pool entry (if any) and the consent text of the pool. */
export type Membership = ResponseOf<"/api/v1/me/pool-membership">;
/** Who read the caller's pool entry, and when. */
export type Readers = ResponseOf<"/api/v1/me/pool-membership/readers">;
/** Joining the pool (with consent) as the form sends it. */
export type JoinPool = RequestBodyOf<"/api/v1/me/pool-membership", "post">;
/** A change of the own pool entry. */
export type MembershipChange = RequestBodyOf<"/api/v1/me/pool-membership", "patch">;

/** The HR office's list of its pool members. */
export type PoolMembers = ResponseOf<"/api/v1/pool-members">;
/** One pool member as the HR office sees it. */
export type PoolMember = PoolMembers["items"][number];
/** A pool member the HR office registers (with written consent). */
export type NewPoolMember = RequestBodyOf<"/api/v1/pool-members", "post">;

/** The whole catalogue (every page), for the forms that offer it. */
export const loadCatalogue = () => allPages((cursor) => api.GET("/api/v1/qualifications", { params: { query: { cursor, limit: 200 } } }));
