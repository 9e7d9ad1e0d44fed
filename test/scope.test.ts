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

/** The scoped resources: their table's export name, where it is declared and the one file that reads it. */
const RESOURCES = [
  {
    table: "secondments",
    declaredIn: "src/modules/secondments/secondments.tables.ts",
    scope: "src/modules/secondments/secondment-scope.ts",
  },
  {
    table: "supportRequests",
    declaredIn: "src/modules/support-requests/support-requests.tables.ts",
    scope: "src/modules/support-requests/support-request-scope.ts",
  },
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
      if (names.size === 0) continue;
      const visit = (node: ts.Node) => {
        if (ts.isImportDeclaration(node)) return;
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
  it("no file but the resource's scope reads secondments or support requests; writes go through the table itself", () => {
    const files = sourceFiles("src");
    expect(files.length).toBeGreaterThan(100);
    expect(readsOutsideScope(files)).toEqual([]);
  });

  it("the check finds a direct read, a join, a raw SQL read and an aliased import — and lets writes and types pass", () => {
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
      ].join("\n"),
    );
    try {
      const lines = readsOutsideScope([probe]).map((l) => parseInt(l.split(":")[1], 10));
      expect(lines).toEqual([3, 4, 5]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
