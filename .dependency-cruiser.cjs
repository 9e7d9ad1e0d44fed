/**
 * The direction of Verbund's code (docs/ARCHITECTURE.md › Layers). Checked by
 * `test/architecture.test.ts` (part of `npm test`) and by `npm run lint:deps`.
 *
 * - Capabilities (`src/modules/<name>`) form layers; a capability imports only capabilities of a
 *   lower layer, and only through their `index.ts` — so no cycles between capabilities, and every
 *   capability says in one place what the others may use. Table files may reference the tables of
 *   lower capabilities directly (foreign keys); tests may reach into anything.
 * - The kernel and the domain know no capability; the domain does no I/O.
 * - No file imports in a circle.
 */

/** Lower layers first; a capability may import those before it, never those after it or beside it. */
const LAYERS = [
  ["organizations", "audit"],
  ["notifications"],
  ["identity"],
  ["pool"],
  ["support-requests"],
  ["secondments"],
  ["settlement"],
  ["allocation"],
  ["standards"],
  ["dashboards"],
];

const source = "^src/";
const notTestOrTables = "\\.(test|property\\.test|tables)\\.ts$";

const layerRules = LAYERS.flatMap((layer, i) => {
  const notBelow = LAYERS.slice(i).flat();
  return layer.map((name) => ({
    name: `layer:${name}`,
    comment: `${name} may import only capabilities of a lower layer (${LAYERS.slice(0, i).flat().join(", ") || "none"}).`,
    severity: "error",
    from: { path: `^src/modules/${name}/`, pathNot: "\\.test\\.ts$" },
    to: {
      path: `^src/modules/(${notBelow.filter((n) => n !== name).join("|")})/`,
    },
  }));
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A file that reaches itself through its imports: split the shared part out.",
      severity: "error",
      from: { path: source },
      to: { circular: true },
    },
    {
      name: "capability-through-index",
      comment: "Another capability is used through its index.ts, its public interface.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/", pathNot: notTestOrTables },
      to: {
        path: "^src/modules/[^/]+/",
        pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "tables-reference-tables",
      comment: "A table file references only table files (foreign keys) and the database helpers.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/[^/]+\\.tables\\.ts$" },
      to: { path: "^src/modules/[^/]+/", pathNot: ["^src/modules/[^/]+/[^/]+\\.tables\\.ts$", "^src/modules/$1/"] },
    },
    ...layerRules,
    {
      name: "kernel-knows-no-capability",
      comment: "The kernel (problems, policy, actor, roles, dates, module) is shared by all capabilities.",
      severity: "error",
      from: { path: "^src/kernel/" },
      to: { path: "^src/(modules|server|cli)/" },
    },
    {
      name: "domain-is-pure",
      comment: "src/domain holds rules without I/O: no database, server, capability or network.",
      severity: "error",
      from: { path: "^src/domain/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^src/(modules|server|db|cli)/", "^(node:)?(fs|net|http|https|child_process)$", "^pg$", "@electric-sql"] },
    },
    {
      name: "capabilities-not-into-the-app",
      comment: "Capabilities are registered by the app (MODULES); they do not import the app or the CLI.",
      severity: "error",
      from: { path: "^src/modules/[^/]+/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^src/server/app\\.ts$", "^src/cli/", "^src/modules/index\\.ts$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|web)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
