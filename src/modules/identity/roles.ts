/** Moved to the kernel (`src/kernel/roles.ts`); this path stays until every import uses the kernel. */
export * from "../../kernel/roles";
