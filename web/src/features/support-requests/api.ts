import { api } from "../../api/client";
import { allPages } from "../../api/hooks";
import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The support requests the caller sees: open ones of the region, drafts of the own administration. */
export type SupportRequests = ResponseOf<"/api/v1/support-requests">;
/** One support request, with what the caller may do with it. */
export type SupportRequest = ResponseOf<"/api/v1/support-requests/{id}">;
/** A status the caller may move a request to. */
export type RequestStatusChange = SupportRequest["abilities"]["changeStatusTo"][number];
/** A new request as the form sends it (as draft or open). */
export type NewSupportRequest = RequestBodyOf<"/api/v1/support-requests", "post">;
/** A change of an own request. */
export type SupportRequestChange = RequestBodyOf<"/api/v1/support-requests/{id}", "patch">;
/** The lender's own pool members who fit a request. */
export type Candidates = ResponseOf<"/api/v1/support-requests/{id}/candidates">;
/** The requester's view of fitting people of other administrations (pseudonymised). */
export type RegionCandidates = ResponseOf<"/api/v1/support-requests/{id}/region-candidates">;

/** The region's crises. */
export type Crises = ResponseOf<"/api/v1/crises">;
/** One crisis. */
export type Crisis = Crises["items"][number];
/** A crisis the coordination declares. */
export type NewCrisis = RequestBodyOf<"/api/v1/crises", "post">;
/** The crisis board: fill rates per request and per administration. */
export type CrisisBoard = ResponseOf<"/api/v1/crises/{id}/board">;

/** Every crisis of the region (every page), for the form that offers the active ones. */
export const loadCrises = () => allPages((cursor) => api.GET("/api/v1/crises", { params: { query: { cursor, limit: 200 } } }));
