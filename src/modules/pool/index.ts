import { defineModule } from "../../kernel/module";
import { poolAuditSource } from "./pool-audit";
import { poolEntryOverview } from "./overview";
import { poolTasks } from "./tasks";
import { poolMemberPolicy } from "./pool.policy";
import { purgeFormerPoolMembers } from "./pool-overview";
import { poolRoutes } from "./pool.routes";

/** Pool: the support pool (opt-in), qualifications, availability. */
export const poolModule = defineModule({
  name: "pool",
  routes: [poolRoutes],
  audit: poolAuditSource,
  tasks: poolTasks,
  overviews: { poolEntry: poolEntryOverview },
  abilities: {
    managePool: (actor) => poolMemberPolicy.can(actor, "list"),
    readPoolOverview: (actor) => poolMemberPolicy.can(actor, "overview"),
    /** The start page invites employees to the pool (anyone may join; only employees are asked). */
    invitedToPool: (actor) => actor.roles.includes("employee"),
  },
  jobs: [
    {
      // Personal data of people who left the pool is deleted after the retention period.
      name: "pool purge",
      every: () => 24 * 3600 * 1000,
      run: ({ db, config }) => purgeFormerPoolMembers(db, config.poolRetentionDays),
    },
  ],
});

// The capability's public interface: other capabilities import only what is listed here.
export { qualifications } from "./pool.tables";
// Every read of a person's pool data by someone else is recorded here (the person sees who read it).
export { recordPersonalDataReads, type ReadPerson } from "./pool-members";
// Pool members are read only through their scope (test/scope.test.ts): the names within the home
// administration, ids and pseudonymous facts (candidates, pay groups, the allocation snapshot)
// across it, whole rows only for what a caller already holds the ids of.
export {
  listNamedPoolMembers,
  mayShowMemberName,
  namedPoolMembersSql,
  ownPoolMemberIdSql,
  unscopedAvailabilityOf,
  unscopedCandidates,
  unscopedLockPoolMember,
  unscopedPayGroupsOf,
  unscopedPoolMemberIdsSql,
  unscopedPoolMembersOf,
  unscopedSnapshotPoolSql,
  type CandidateOptions,
  type PoolMemberRow,
} from "./pool-member-scope";
