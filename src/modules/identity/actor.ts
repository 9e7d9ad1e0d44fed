/** Moved to the kernel (`src/kernel/actor.ts`); this path stays until every import uses the kernel. */
export * from "../../kernel/actor";
