import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { VALIDATOR_WORDS } from "../test/validator-words";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";
import { NOT_WALKED, WALKS, type Attempt, type Walk } from "./form-walks";

/**
 * Every form of the web app, walked as the person who can open it (issue #15): sent empty, then
 * with wrong values. Each time the error summary takes the focus and links each line to a field
 * that shows the same message; every field marked invalid is described by visible error text
 * (a box of a checkbox group by its fieldset); no message reads like a validator; what was entered
 * is still there; axe finds nothing with the errors shown. A form in the source that is not listed
 * here fails the first test, so a new form cannot skip the walk.
 *
 * The wrong values are refused by the server or, for a date or number the browser cannot read
 * ("31.02.2026", "1e"), by the page before sending: nothing here changes the demo data (but for
 * one new account of Garbsen's to link), so the other browser tests may run before or after.
 */

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** Every `<Form name="…">` of the web app's source, with the file it is in. */
function formsInSource(): { names: Map<string, string>; unnamed: string[] } {
  const root = path.resolve(import.meta.dirname, "..", "web", "src");
  const names = new Map<string, string>();
  const unnamed: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (file.endsWith(".tsx")) {
        const text = fs.readFileSync(file, "utf8");
        const where = path.relative(root, file);
        // The Form component itself; everywhere else a bare <form> would go around it (its name,
        // noValidate, the check for unreadable input).
        if (where === path.join("components", "forms.tsx")) continue;
        if (/<form\b/.test(text)) unnamed.push(`${where}: <form> instead of <Form name="…">`);
        const tags = text.match(/<Form\b/g)?.length ?? 0;
        const named = [...text.matchAll(/<Form\s+name="([a-z][a-z0-9-]*)"/g)].map((m) => m[1]);
        if (named.length !== tags) unnamed.push(`${where}: a <Form> without name="…" as its first attribute`);
        for (const name of named) {
          if (names.has(name)) unnamed.push(`${where}: the name "${name}" is used in ${names.get(name)} too`);
          names.set(name, where);
        }
      }
    }
  };
  visit(root);
  return { names, unnamed };
}

/** The name, value and state of every control of a form (to see that nothing entered is lost). */
const snapshot = (form: Locator) =>
  form.evaluate((el: HTMLFormElement) =>
    Object.fromEntries(
      [...el.elements]
        .filter((c): c is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => "name" in c && !!c.name && c.tagName !== "BUTTON")
        .map((c) => [
          c.name,
          c instanceof HTMLInputElement && c.type === "checkbox"
            ? c.checked
            : `${c.value}${c instanceof HTMLInputElement && c.validity.badInput ? " (typed, unreadable)" : ""}`,
        ]),
    ),
  );

/** What the page shows after a refused attempt, read from the DOM. */
interface Shown {
  summaryFocused: boolean;
  /** The summary's lines: the field linked, the line, the field's own error text (or null). */
  lines: Array<{ field: string; text: string; fieldError: string | null }>;
  /** Controls marked invalid whose error is missing or hidden. */
  undescribed: string[];
  /** Controls in a fieldset with an error that are not marked invalid. */
  unmarked: string[];
  /** Error texts at fields that no control or fieldset refers to. */
  orphans: string[];
  /** The error text at each field that has one (by the field's id without `field-`). */
  errors: Record<string, string>;
  /** Whether the summary's lines follow the order of their fields on the page. */
  isInPageOrder: boolean;
}

async function readErrors(page: Page, formName: string): Promise<Shown> {
  return page.evaluate((name) => {
    const form = document.querySelector<HTMLFormElement>(`form[name="${name}"]`)!;
    // The form's summary: the last one shown before it (the profile page has two forms).
    const summary = [...document.querySelectorAll<HTMLElement>('[role="alert"][tabindex="-1"]')]
      .filter((s) => s.checkVisibility() && s.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING)
      .at(-1)!;
    const visibleText = (ids: string | null) =>
      (ids ?? "")
        .split(/\s+/)
        .map((id) => document.getElementById(id))
        .filter((e): e is HTMLElement => !!e && e.classList.contains("kern-error") && e.checkVisibility())
        .map((e) => e.textContent!.trim())
        .join(" ") || null;
    const controlError = (control: HTMLElement) =>
      visibleText(control.getAttribute("aria-describedby")) ??
      visibleText(control.closest("fieldset.kern-fieldset--error")?.getAttribute("aria-describedby") ?? null);
    const fieldOf = (field: string): HTMLElement | null => {
      const parts = field.split(".");
      for (let n = parts.length; n > 0; n--) {
        const found = document.getElementById(`field-${parts.slice(0, n).join(".")}`);
        if (found) return found;
      }
      return null;
    };
    const targets: HTMLElement[] = [];
    const lines = [...summary.querySelectorAll<HTMLAnchorElement>('a[href^="#field-"]')].map((a) => {
      const field = a.getAttribute("href")!.slice("#field-".length);
      const target = fieldOf(field);
      if (target) targets.push(target);
      const fieldError = !target
        ? null
        : target.matches("fieldset")
          ? visibleText(target.getAttribute("aria-describedby"))
          : controlError(target);
      return { field, text: a.textContent!.trim(), fieldError };
    });
    const controls = [...form.querySelectorAll<HTMLElement>("input, select, textarea")];
    const undescribed = controls.filter((c) => c.getAttribute("aria-invalid") === "true" && !controlError(c)).map((c) => c.id);
    const unmarked = [...form.querySelectorAll("fieldset.kern-fieldset--error")]
      .flatMap((f) => [...f.querySelectorAll<HTMLElement>("input, select, textarea")])
      .filter((c) => c.getAttribute("aria-invalid") !== "true" && !(c as HTMLInputElement).disabled)
      .map((c) => c.id);
    const referenced = new Set(
      [...form.querySelectorAll("[aria-describedby]")].flatMap((e) => e.getAttribute("aria-describedby")!.split(/\s+/)),
    );
    const errorElements = [...form.querySelectorAll<HTMLElement>(".kern-error")];
    const orphans = errorElements.filter((e) => !referenced.has(e.id)).map((e) => e.textContent!.trim());
    const errors = Object.fromEntries(
      errorElements.map((e) => [e.id.replace(/^field-/, "").replace(/-error$/, ""), e.textContent!.trim()]),
    );
    const isInPageOrder = targets.every(
      (t, i) => i === 0 || t === targets[i - 1] || !!(targets[i - 1].compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    return { summaryFocused: document.activeElement === summary, lines, undescribed, unmarked, orphans, errors, isInPageOrder };
  }, formName);
}

/** Sends the form with its first button (and confirms the dialog where it asks first). */
async function send(page: Page, form: Locator, walk: Walk) {
  await form.locator('button[type="submit"]').first().click();
  if (!walk.confirms) return;
  // A date the browser cannot read is reported before the dialog would open.
  const dialog = page.locator("dialog[open]");
  const asked = await dialog.waitFor({ timeout: 1500 }).then(
    () => true,
    () => false,
  );
  if (asked) await dialog.locator(".kern-btn--primary").click();
}

async function attempt(page: Page, walk: Walk, step: Attempt) {
  const where = `${walk.form}, ${step.what}`;
  const form = page.locator(`form[name="${walk.form}"]`);
  const field = (name: string) => form.locator(`[name="${name}"]`);
  await step.fill(field, page);
  const before = await snapshot(form);
  // The summary takes the focus when a new problem arrives: move it away first.
  await form.locator('button[type="submit"]').first().focus();
  await send(page, form, walk);
  await expect
    .poll(async () => (await readErrors(page, walk.form).catch(() => null))?.summaryFocused, { timeout: 10_000, message: where })
    .toBe(true);
  const shown = await readErrors(page, walk.form);

  expect(shown.lines.length, `${where}: the summary lists the fields`).toBeGreaterThan(0);
  for (const line of shown.lines) {
    expect(line.fieldError, `${where}: "${line.text}" is shown at its field`).toBeTruthy();
    expect(line.text.endsWith(`: ${line.fieldError}`), `${where}: the summary says "${line.fieldError}" as the field does`).toBe(true);
    expect(line.text.startsWith(`${line.field}:`), `${where}: "${line.text}" names the field in words`).toBe(false);
  }
  expect(shown.isInPageOrder, `${where}: the summary follows the form`).toBe(true);
  for (const name of step.fields) expect(Object.keys(shown.errors), `${where}: an error at ${name}`).toContain(name);
  expect(shown.undescribed, `${where}: invalid controls without visible error text`).toEqual([]);
  expect(shown.unmarked, `${where}: boxes of an invalid group not marked invalid`).toEqual([]);
  expect(shown.orphans, `${where}: error texts no control refers to`).toEqual([]);
  for (const text of [...shown.lines.map((l) => l.text), ...Object.values(shown.errors)])
    expect(text, `${where}: reads like a validator`).not.toMatch(VALIDATOR_WORDS);

  // By keyboard: from the focused summary, Tab to its first line and Enter: the focus is at that field.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const isAtField = await page.evaluate((field) => {
    const parts = field.split(".");
    for (let n = parts.length; n > 0; n--) {
      const target = document.getElementById(`field-${parts.slice(0, n).join(".")}`);
      if (target) return target.contains(document.activeElement) && document.activeElement!.matches("input, select, textarea");
    }
    return false;
  }, shown.lines[0].field);
  expect(isAtField, `${where}: the summary's first line leads to ${shown.lines[0].field}`).toBe(true);

  const after = await snapshot(form);
  for (const name of walk.clears ?? []) (delete before[name], delete after[name]);
  expect(after, `${where}: what was entered is still there`).toEqual(before);
  await expectAccessible(page, where);
  return shown;
}

describe.skipIf(!hasBrowser)("every form shows its errors at the fields, in plain words", () => {
  it("walks every form of the web app (a new form must be added to the walk)", () => {
    const { names, unnamed } = formsInSource();
    expect(unnamed).toEqual([]);
    const listed = [...WALKS.map((w) => w.form), ...Object.keys(NOT_WALKED)];
    expect(
      [...names.keys()].filter((n) => !listed.includes(n)),
      "forms in web/src that the walk leaves out",
    ).toEqual([]);
    expect(
      listed.filter((n) => !names.has(n)),
      "walked forms that web/src does not have",
    ).toEqual([]);
  });

  for (const walk of WALKS) {
    it(`${walk.form}: empty and wrong, the errors are at the fields (as ${walk.as ?? "nobody signed in"})`, async () => {
      await walk.prepare?.();
      const { context, page } = await newPage(browser);
      if (walk.as) await signInWithKeyboard(page, walk.as);
      if (typeof walk.open === "string") await page.goto(walk.open);
      else await walk.open(page);
      const form = page.locator(`form[name="${walk.form}"]`);
      await form.waitFor();
      // Pre-filled values and loaded choices (departments, the catalogue) are in before the walk starts.
      await page.waitForLoadState("networkidle");
      // A form where empty is a valid answer is not sent empty: it would be applied or saved.
      for (const step of "valid" in walk.empty ? walk.wrong : [walk.empty, ...walk.wrong]) {
        await attempt(page, walk, step);
        if (walk.screenshot) await screenshots(page, `form-${walk.form}-${step === walk.empty ? "empty" : walk.wrong.indexOf(step) + 1}`);
      }
      await context.close();
    });
  }
});
