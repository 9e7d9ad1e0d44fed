/** The support pool and the qualification catalogue: pages, loaded when first visited. */
export { PoolMemberNewPage } from "./PoolMemberNewPage";
export { PoolMembersPage } from "./PoolMembersPage";
export { PoolPage } from "./PoolPage";
export { QualificationsPage } from "./QualificationsPage";
