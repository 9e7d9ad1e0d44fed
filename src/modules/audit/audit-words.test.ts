/**
 * Every action and object type the code records has German and English words: the test reads
 * each `recordAudit(…)` call and each direct insert into the log in `src/`, and fails on one that
 * the presenter could only show as a code word. The fields are checked the same way for the keys
 * written literally in `before`/`after`.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIONS as WORKFLOW_ACTIONS, SECONDMENT_STATES } from "../../domain/secondment/workflow";
import { AUDIT_ACTIONS, FIELDS, LOGIN_FAILURES, OBJECT_TYPES, SECONDMENT_STATE_WORDS, WORKFLOW_CLAUSES } from "./audit-words";
import { changesOf, writtenDate } from "./audit-changes";
import { csvCell } from "./audit-csv";

const SRC = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The text of every object literal handed to the log: `recordAudit(tx, actor, { … })` and `insert(auditEvents).values(…)`. */
function recordedEntries(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const file of sources(SRC)) {
    const code = fs.readFileSync(file, "utf8");
    for (const marker of ["recordAudit(tx", "insert(auditEvents)"]) {
      let at = code.indexOf(marker);
      while (at >= 0) {
        // From the call to its closing parenthesis (balanced).
        let depth = 0;
        let end = at + marker.length;
        const open = marker.startsWith("insert") ? code.indexOf(".values(", at) + ".values".length : code.indexOf("(", at);
        for (let i = open; i < code.length; i++) {
          if (code[i] === "(") depth++;
          if (code[i] === ")" && --depth === 0) {
            end = i;
            break;
          }
        }
        out.push({ file: path.relative(SRC, file), text: code.slice(at, end) });
        at = code.indexOf(marker, end);
      }
    }
  }
  return out.filter((e) => !e.file.startsWith("modules/audit/record-audit.ts"));
}

describe("the words of the audit log", () => {
  const entries = recordedEntries();

  it("finds the places that record (the test can see them)", () => {
    expect(entries.length).toBeGreaterThan(30);
    expect(entries.map((e) => e.file)).toEqual(expect.arrayContaining(["modules/secondments/step.ts", "modules/identity/login.ts"]));
  });

  it("names every object type and action the code records, in German and English", () => {
    const missing: string[] = [];
    for (const { file, text } of entries) {
      for (const [, entity] of text.matchAll(/entity: "([a-z_]+)"/g)) {
        if (!(entity in OBJECT_TYPES)) missing.push(`${file}: object type ${entity}`);
      }
      for (const [, action] of text.matchAll(/action: "([a-z_]+)"/g)) {
        if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) missing.push(`${file}: action ${action}`);
      }
      // Computed actions name their values in the expression (`existing ? "update" : "create"`).
      for (const [, expression] of text.matchAll(/action: ([^,\n]*\?[^,\n]*)/g)) {
        for (const [, action] of expression.matchAll(/"([a-z_]+)"/g)) {
          if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) missing.push(`${file}: action ${action}`);
        }
      }
      // Computed object types name theirs as the branches of a condition (`subject === "hours" ? "timesheet_entry" : "expense"`).
      const computedEntities = [...text.matchAll(/entity: ([^,\n]*\?[^,\n]*)/g)].flatMap(([, expression]) =>
        [...expression.matchAll(/[?:]\s*"([a-z_]+)"/g)].map(([, entity]) => entity),
      );
      for (const entity of computedEntities) if (!(entity in OBJECT_TYPES)) missing.push(`${file}: object type ${entity}`);
      if (!/entity: "[a-z_]+"/.test(text) && computedEntities.length === 0)
        missing.push(`${file}: an entry whose object type the test cannot read`);
    }
    expect(missing).toEqual([]);
    for (const words of Object.values(OBJECT_TYPES)) {
      expect(words.name.de && words.name.en && words.the.de && words.the.en).toBeTruthy();
    }
  });

  it("names every field written literally in a change", () => {
    const missing = new Set<string>();
    for (const { file, text } of entries) {
      for (const [, body] of text.matchAll(/(?:before|after): \{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)) {
        const topLevel = body.replace(/\{[^{}]*\}/g, "");
        for (const [, key] of topLevel.matchAll(/(?:^\s*|[,{]\s*)([a-zA-Z]+)(?=:|,|\s*$|\s*\})/g)) {
          if (!(key in FIELDS)) missing.add(`${file}: ${key}`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("names every step and state of the secondment workflow and every reason of a failed sign-in", () => {
    for (const action of WORKFLOW_ACTIONS) expect(WORKFLOW_CLAUSES[action].de).toMatch(/\S/);
    for (const state of SECONDMENT_STATES) expect(SECONDMENT_STATE_WORDS[state].en).toMatch(/\S/);
    for (const reason of [
      "password",
      "inactive",
      "locked",
      "rate_limited",
      "sso_required",
      "provider_error",
      "unverified_email",
      "login_taken",
      "link_required",
    ]) {
      expect(LOGIN_FAILURES).toHaveProperty(reason);
    }
  });
});

describe("values in words", () => {
  it("writes dates out in German and English", () => {
    expect(writtenDate("2026-11-01")).toEqual({ de: "1. November 2026", en: "1 November 2026" });
    expect(changesOf({ before: { state: "approved" }, after: { state: "staff_council" } })).toEqual([
      { de: "Status: genehmigt → beim Personalrat", en: "Status: approved → with the staff council" },
    ]);
  });

  it("a change never shows an unchanged field, and shows every changed one", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("2026-11-01", "approved"));
    const keys = fc.constantFrom("state", "startsOn", "headcount", "title", "isActive", "unknownField");
    fc.assert(
      fc.property(fc.dictionary(keys, value), fc.dictionary(keys, value), (before, after) => {
        // A field new to the object and empty says nothing; every other difference is a line.
        const empty = (v: unknown) => v === null || v === undefined || v === "";
        const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && (k in before || !empty(after[k])),
        );
        const lines = changesOf({ before, after });
        expect(lines).toHaveLength(changed.length);
        for (const line of lines) expect(line.de).toMatch(/^[^:]+: /);
      }),
    );
  });

  it("a CSV cell never starts a formula and keeps its text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text);
        const inner = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(inner).not.toMatch(/^[=+\-@\t\r]/);
        expect(inner).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
        if (/[";\r\n]/.test(text)) expect(cell.startsWith('"')).toBe(true);
      }),
    );
  });
});
