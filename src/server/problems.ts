/** Moved to the kernel (`src/kernel/problems.ts`); this path stays until every import uses the kernel. */
export * from "../kernel/problems";
