/**
 * One scope per resource (#14): what an actor may see of a resource is said in one file, and no
 * other file reads the resource's table — not a list, not a feed, not a mail, not a PDF, not a
 * snapshot. Other files write the table (insert, update, delete after the scope's lock) and read
 * it only through the scope's functions: `getVisible…`/`listVisible…` for people, explicitly named
 * `unscoped…` ones for jobs, feeds and guards. A new reader that queries the table directly fails
 * here with its file and line.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The scoped resources: their table's export name and SQL name, where it is declared and the one
 * file that reads it. A pool member's qualifications and availability windows are personal data
 * of the member and read in the member's scope.
 */
const RESOURCES = [
  {
    table: "secondments",
    sqlName: "secondments",
    declaredIn: "src/modules/secondments/secondments.tables.ts",
    scope: "src/modules/secondments/secondment-scope.ts",
  },
  {
    table: "supportRequests",
    sqlName: "support_requests",
    declaredIn: "src/modules/support-requests/support-requests.tables.ts",
    scope: "src/modules/support-requests/support-request-scope.ts",
  },
  ...(
    [
      ["poolMembers", "pool_members"],
      ["poolMemberQualifications", "pool_member_qualifications"],
      ["availabilityWindows", "availability_windows"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/pool/pool.tables.ts",
    scope: "src/modules/pool/pool-member-scope.ts",
  })),
  {
    table: "accounts",
    sqlName: "accounts",
    declaredIn: "src/modules/identity/identity.tables.ts",
    scope: "src/modules/identity/account-scope.ts",
  },
  ...(
    [
      ["costRateParameters", "cost_rate_parameters"],
      ["manualCostRates", "manual_cost_rates"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/settlement/cost-rates.tables.ts",
    scope: "src/modules/settlement/cost-rate-scope.ts",
  })),
  ...(
    [
      ["timesheetEntries", "timesheet_entries"],
      ["expenses", "expenses"],
      ["expenseReceipts", "expense_receipts"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/settlement/timesheets.tables.ts",
    scope: "src/modules/settlement/timesheet-scope.ts",
  })),
  ...(
    [
      ["statements", "statements"],
      ["statementItems", "statement_items"],
      ["billingDetails", "billing_details"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/settlement/statements.tables.ts",
    scope: "src/modules/settlement/statement-scope.ts",
  })),
  ...(
    [
      ["reciprocitySettings", "reciprocity_settings"],
      ["reciprocityYearClosings", "reciprocity_year_closings"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/settlement/balances.tables.ts",
    scope: "src/modules/settlement/balance-scope.ts",
  })),
  {
    table: "apiKeys",
    sqlName: "api_keys",
    declaredIn: "src/modules/identity/identity.tables.ts",
    scope: "src/modules/identity/api-key-scope.ts",
  },
  {
    table: "submissions",
    sqlName: "submissions",
    declaredIn: "src/modules/standards/standards.tables.ts",
    scope: "src/modules/standards/submission-scope.ts",
  },
  {
    table: "submissionReplies",
    sqlName: "submission_replies",
    declaredIn: "src/modules/standards/standards.tables.ts",
    scope: "src/modules/standards/submission-scope.ts",
  },
  {
    table: "submissionImports",
    sqlName: "submission_imports",
    declaredIn: "src/modules/standards/standards.tables.ts",
    scope: "src/modules/standards/submission-import-scope.ts",
  },
  {
    table: "allocationRuns",
    sqlName: "allocation_runs",
    declaredIn: "src/modules/allocation/allocation.tables.ts",
    scope: "src/modules/allocation/allocation-run-scope.ts",
  },
  ...(
    [
      ["serviceStandards", "service_standards"],
      ["serviceStandardVersions", "service_standard_versions"],
    ] as const
  ).map(([table, sqlName]) => ({
    table,
    sqlName,
    declaredIn: "src/modules/standards/standards.tables.ts",
    scope: "src/modules/standards/standard-scope.ts",
  })),
];

/** Not application code that answers anyone: table declarations (foreign keys), the schema list for drizzle-kit, seeds. */
const OUTSIDE = [/\.tables\.ts$/, /^src\/db\/schema\.ts$/, /^src\/db\/seed\//, /\.test\.ts$/, /\.property\.test\.ts$/];

const WRITES = new Set(["insert", "update", "delete"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** Local names under which a file imports the table (`import { secondments as s } from …`). */
function localNames(file: ts.SourceFile, table: string): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      if ((element.propertyName ?? element.name).text === table) names.add(element.name.text);
    }
  }
  return names;
}

/** The statement around a node: a write when one of its calls is `.insert(t)`, `.update(t)` or `.delete(t)`. */
function isInWriteStatement(node: ts.Node, names: Set<string>): boolean {
  let statement: ts.Node = node;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent;
  let write = false;
  const visit = (n: ts.Node) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      WRITES.has(n.expression.name.text) &&
      n.arguments.length === 1 &&
      ts.isIdentifier(n.arguments[0]) &&
      names.has(n.arguments[0].text)
    ) {
      write = true;
    }
    if (!write) ts.forEachChild(n, visit);
  };
  visit(statement);
  return write;
}

function isInType(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isTypeNode(n)) return true;
  return false;
}

/** The literal text of a string or template (its parts without the substitutions), where raw SQL would name a table. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return null;
}

/** Every place outside the scope file that reads a scoped table: `file:line table`. */
export function readsOutsideScope(files: string[]): string[] {
  const found: string[] = [];
  for (const rel of files) {
    if (OUTSIDE.some((pattern) => pattern.test(rel))) continue;
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    const file = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
    for (const resource of RESOURCES) {
      if (rel === resource.scope || rel === resource.declaredIn) continue;
      const names = localNames(file, resource.table);
      // Raw SQL that names the table: `select … from pool_members`, `join accounts a on …`.
      const rawRead = new RegExp(`\\b(from|join)\\s+"?${resource.sqlName}"?(?![\\w"])`, "i");
      const visit = (node: ts.Node) => {
        if (ts.isImportDeclaration(node)) return;
        const text = literalText(node);
        if (text !== null && rawRead.test(text)) {
          const { line } = file.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${rel}:${line + 1} reads ${resource.table} (as SQL text) outside ${resource.scope}`);
        }
        if (ts.isIdentifier(node) && names.has(node.text) && !isInType(node) && !isInWriteStatement(node, names)) {
          // `x.secondments` (a property of something else) is not the table.
          const parent = node.parent;
          const isOtherProperty = ts.isPropertyAccessExpression(parent) && parent.name === node;
          const isKey = (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && parent.name === node;
          if (!isOtherProperty && !(isKey && !ts.isShorthandPropertyAssignment(parent))) {
            const { line } = file.getLineAndCharacterOfPosition(node.getStart());
            found.push(`${rel}:${line + 1} reads ${resource.table} outside ${resource.scope}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return [...new Set(found)];
}

describe("one scope per resource", () => {
  it("no file but the resource's scope reads secondments, support requests, pool members, accounts, allocation runs, hours, expenses or receipts; writes go through the table itself", () => {
    const files = sourceFiles("src");
    expect(files.length).toBeGreaterThan(100);
    expect(readsOutsideScope(files)).toEqual([]);
  });

  it("the check finds a direct read, a join, a read in SQL, an aliased import and a table named in SQL text — and lets writes and types pass", () => {
    const dir = path.join(root, ".tmp", "scope-test");
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.posix.join(".tmp", "scope-test", "probe.ts");
    fs.writeFileSync(
      path.join(root, probe),
      [
        'import { secondments, secondments as s2 } from "../../src/modules/secondments/secondments.tables";',
        "type Row = typeof secondments.$inferSelect;",
        "export const a = (db: any) => db.select().from(secondments);",
        "export const b = (db: any, t: any) => db.select().from(t).innerJoin(s2, 1);",
        "export const c = (sql: any) => sql`select * from ${secondments}`;",
        "export const d = (tx: any, id: string) => tx.update(secondments).set({}).where(secondments.id === id);",
        "export const e = (tx: any) => tx.insert(secondments).values({});",
        "export const f: Row | null = null;",
        'import { poolMembers, availabilityWindows } from "../../src/modules/pool/pool.tables";',
        'import { accounts } from "../../src/modules/identity/identity.tables";',
        'import { allocationRuns as runs } from "../../src/modules/allocation/allocation.tables";',
        "export const g = (db: any) => db.select({ name: poolMembers.name }).from(poolMembers);",
        "export const h = (db: any) => db.select().from(accounts).for('update');",
        "export const i = (db: any) => db.select().from(runs);",
        "export const j = (sql: any, id: string) => sql`select id from pool_members where account_id = ${id}`;",
        'export const k = (db: any) => db.execute("SELECT count(*) FROM accounts a JOIN account_roles r ON r.account_id = a.id");',
        "export const l = (tx: any) => tx.delete(availabilityWindows).where(availabilityWindows.memberId === 'x');",
        "export const m = (tx: any) => tx.insert(accounts).values({});",
        "export const n = (sql: any) => sql`select * from account_roles join allocation_runs_archive on true`;",
      ].join("\n"),
    );
    try {
      const lines = [...new Set(readsOutsideScope([probe]).map((l) => parseInt(l.split(":")[1], 10)))].sort((x, y) => x - y);
      expect(lines).toEqual([3, 4, 5, 12, 13, 14, 15, 16]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
