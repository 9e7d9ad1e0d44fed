/** Moved to the kernel (`src/kernel/policy.ts`); this path stays until every import uses the kernel. */
export * from "../kernel/policy";
