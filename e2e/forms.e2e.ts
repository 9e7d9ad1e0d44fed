import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { VALIDATOR_WORDS } from "../test/validator-words";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

/**
 * Every form of the web app, walked as the person who can open it (issue #15): sent empty, then
 * with wrong values. Each time the error summary takes the focus and links each line to a field
 * that shows the same message; every field marked invalid is described by visible error text
 * (a box of a checkbox group by its fieldset); no message reads like a validator; what was entered
 * is still there; axe finds nothing with the errors shown. A form in the source that is not listed
 * here fails the first test, so a new form cannot skip the walk.
 *
 * The wrong values are refused by the server or, for a date or number the browser cannot read
 * ("31.02.2026", "1e"), by the page before sending: nothing here changes the demo data, so the
 * other browser tests may run before or after this file.
 */

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** A way to fill a form: `field(name)` is the control named so in the form. */
type Fill = (field: (name: string) => Locator, page: Page) => Promise<void>;

interface Attempt {
  /** What the attempt tries, for the messages of a failure. */
  what: string;
  fill: Fill;
  /** The fields that must show an error at least (more may). */
  fields: string[];
}

interface Walk {
  /** The form's `name` (`<Form name="…">` in `web/src/features`). */
  form: string;
  /** The account that opens it; null: signed out. */
  as: string | null;
  /** Goes to the page that holds the form. */
  open(page: Page): Promise<void>;
  /** Sent empty (pre-filled values cleared, boxes unticked), then each wrong attempt in turn. */
  empty: Attempt;
  wrong: Attempt[];
  /** The form asks first in a dialog (declaring a crisis, linking an account): confirm it. */
  confirms?: boolean;
  /** Fields the page empties on purpose after a refusal (the password of a failed sign-in). */
  clears?: string[];
  /** Saved as `form-<name>-<attempt>-{1280,390}.png` when E2E_SCREENSHOTS is set. */
  screenshot?: boolean;
}

/** Forms the walk leaves out, and why. */
const NOT_WALKED: Record<string, string> = {
  "sso-start": "one choice among the administrations offered; sending it leaves for that administration's sign-in page",
};

/**
 * Types 31 February 2026 into a date field as a person does, digit by digit in the order the
 * browser shows the field (31.02.2026 in a German browser, 02/31/2026 in an American one, which
 * is what this machine's Chromium has): a date the browser cannot read.
 */
async function typeImpossibleDate(input: Locator, page: Page) {
  await input.fill("");
  await input.focus();
  await page.keyboard.type("01022026");
  const isDayFirst = (await input.inputValue()) === "2026-02-01";
  await input.fill("");
  await input.focus();
  await page.keyboard.type(isDayFirst ? "31022026" : "02312026");
  expect(await input.evaluate((el: HTMLInputElement) => el.validity.badInput), "the browser cannot read 31 February").toBe(true);
}

/** Types into a number field as a person does (the browser refuses `fill` with text there). */
async function typeNumber(input: Locator, page: Page, text: string) {
  await input.fill("");
  await input.focus();
  await page.keyboard.type(text);
}

/** The id of the signed-in account. */
const myId = (page: Page) => page.evaluate(async () => ((await (await fetch("/api/v1/me")).json()) as { id: string }).id);

const WALKS: Walk[] = [
  {
    form: "sign-in",
    as: null,
    open: (page) => page.goto("/anmelden").then(() => undefined),
    empty: { what: "empty", fill: async () => {}, fields: ["login", "password"] },
    wrong: [
      {
        what: "a login name longer than any",
        fill: async (field) => {
          await field("login").fill(`${"a".repeat(260)}@wunstorf.demo`);
          await field("password").fill("falsch");
        },
        fields: ["login"],
      },
    ],
    clears: ["password"],
  },
  {
    form: "profile",
    as: "klimaschutz@wunstorf.demo",
    open: (page) => page.goto("/profil").then(() => undefined),
    empty: { what: "empty", fill: (field) => field("displayName").fill(""), fields: ["displayName"] },
    wrong: [{ what: "a one-letter name", fill: (field) => field("displayName").fill("J"), fields: ["displayName"] }],
  },
  {
    form: "password",
    as: "klimaschutz@wunstorf.demo",
    open: (page) => page.goto("/profil").then(() => undefined),
    empty: { what: "empty", fill: async () => {}, fields: ["currentPassword", "newPassword"] },
    wrong: [
      {
        what: "a short new password",
        fill: async (field) => {
          await field("currentPassword").fill("falsch");
          await field("newPassword").fill("kurz");
        },
        fields: ["newPassword"],
      },
    ],
  },
  {
    form: "account-new",
    as: "personal@wunstorf.demo",
    open: (page) => page.goto("/konten").then(() => undefined),
    empty: {
      what: "empty, no role ticked",
      fill: (field) => field("role-employee").setChecked(false),
      fields: ["displayName", "login", "roles", "initialPassword"],
    },
    wrong: [
      {
        what: "a login that is no e-mail address and a short password",
        fill: async (field) => {
          await field("displayName").fill("Formular Probe");
          await field("login").fill("keine-adresse");
          await field("role-employee").setChecked(true);
          await field("initialPassword").fill("kurz");
        },
        fields: ["login", "initialPassword"],
      },
    ],
    screenshot: true,
  },
  {
    form: "account",
    as: "personal@wunstorf.demo",
    open: async (page) => {
      await page.goto("/konten");
      await page.goto(`/konten/${await myId(page)}`);
    },
    empty: { what: "empty name", fill: (field) => field("displayName").fill(""), fields: ["displayName"] },
    wrong: [
      {
        what: "the own account switched off (a checkbox refused)",
        fill: async (field) => {
          await field("displayName").fill("Sabine Köhler");
          await field("isActive").setChecked(false);
        },
        fields: ["isActive"],
      },
    ],
    screenshot: true,
  },
  {
    form: "identity-link",
    as: "personal@garbsen.demo",
    // An account of its own, so the walk does not depend on which accounts other tests link.
    open: async (page) => {
      await page.goto("/konten");
      const id = await page.evaluate(async () => {
        const session = (await (await fetch("/api/v1/session")).json()) as { csrfToken: string };
        const res = await fetch("/api/v1/accounts", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
          body: JSON.stringify({
            login: `formularprobe-${Date.now()}@garbsen.demo`,
            displayName: "Formular Probe",
            roles: ["employee"],
            initialPassword: "formular-probe-2026",
          }),
        });
        return ((await res.json()) as { id: string }).id;
      });
      await page.goto(`/konten/${id}`);
    },
    empty: { what: "empty", fill: async () => {}, fields: ["subject"] },
    wrong: [{ what: "a subject longer than any", fill: (field) => field("subject").fill("s".repeat(300)), fields: ["subject"] }],
    confirms: true,
  },
  {
    form: "sso-settings",
    as: "personal@wunstorf.demo",
    open: (page) => page.goto("/konten/anmeldung").then(() => undefined),
    empty: {
      what: "empty",
      fill: async (field) => {
        await field("scopes").fill("");
      },
      fields: ["issuer", "clientId"],
    },
    wrong: [
      {
        what: "both ways of signing in switched off (a checkbox refused)",
        fill: async (field) => {
          await field("issuer").fill("https://anmeldung.wunstorf.de/realms/verwaltung");
          await field("clientId").fill("verbund");
          await field("scopes").fill("openid email profile");
          await field("isEnabled").setChecked(false);
          await field("isPasswordLoginEnabled").setChecked(false);
        },
        fields: ["isPasswordLoginEnabled"],
      },
    ],
    screenshot: true,
  },
  {
    form: "pool-membership",
    as: "controlling@wunstorf.demo",
    open: (page) => page.goto("/pool").then(() => undefined),
    empty: { what: "empty, without consent", fill: async () => {}, fields: ["hasConsent", "jobTitle"] },
    wrong: [
      {
        what: "without consent, too far, a period that ends before it starts",
        fill: async (field) => {
          await field("jobTitle").fill("Controlling");
          await field("travelRadiusKm").fill("400");
          await field("availability.0.startsOn").fill("2027-03-01");
          await field("availability.0.endsOn").fill("2027-02-01");
        },
        fields: ["hasConsent", "travelRadiusKm", "availability.0.endsOn"],
      },
      {
        what: "31.02.2026 typed as a start",
        fill: async (field, page) => {
          await typeImpossibleDate(field("availability.0.startsOn"), page);
        },
        fields: ["availability.0.startsOn"],
      },
    ],
    screenshot: true,
  },
  {
    form: "pool-member-new",
    as: "personal@wunstorf.demo",
    open: (page) => page.goto("/pool/mitglieder/neu").then(() => undefined),
    empty: { what: "empty, without consent", fill: async () => {}, fields: ["hasConsent", "name", "workEmail", "jobTitle"] },
    wrong: [
      {
        what: "without consent, an e-mail address without @",
        fill: async (field) => {
          await field("name").fill("Formular Probe");
          await field("workEmail").fill("keine-adresse");
          await field("jobTitle").fill("Sachbearbeitung");
        },
        fields: ["hasConsent", "workEmail"],
      },
      {
        what: "a qualification valid until 31.02.2026",
        fill: async (field, page) => {
          await field("hasConsent").setChecked(true);
          await field("qualifications-kontaktnachverfolgung").setChecked(true);
          await typeImpossibleDate(field("qualifications.0.validUntil"), page);
        },
        fields: ["qualifications.0.validUntil"],
      },
    ],
  },
  {
    form: "qualification",
    as: "koordination@region-hannover.demo",
    open: (page) => page.goto("/qualifikationen").then(() => undefined),
    empty: { what: "empty", fill: async () => {}, fields: ["name", "key"] },
    wrong: [
      {
        what: "a key with spaces",
        fill: async (field) => {
          await field("name").fill("X");
          await field("key").fill("Mit Leerzeichen!");
        },
        fields: ["name", "key"],
      },
    ],
  },
  {
    form: "crisis-declare",
    as: "koordination@region-hannover.demo",
    open: (page) => page.goto("/krisen").then(() => undefined),
    empty: { what: "empty", fill: (field) => field("startsOn").fill(""), fields: ["name", "description", "startsOn"] },
    wrong: [
      {
        what: "31.02.2026 typed as the start",
        fill: async (field, page) => {
          await field("name").fill("Formularprobe");
          await typeImpossibleDate(field("startsOn"), page);
        },
        fields: ["startsOn"],
      },
    ],
    confirms: true,
  },
  {
    form: "support-request",
    as: "gesundheitsamt@region-hannover.demo",
    open: (page) => page.goto("/anfragen/neu").then(() => undefined),
    empty: {
      what: "empty",
      fill: async (field) => {
        for (const name of ["title", "tasks", "headcount", "hoursPerWeek", "contactName", "contactEmail"]) await field(name).fill("");
      },
      fields: ["title", "tasks", "headcount", "startsOn", "endsOn", "hoursPerWeek", "contactName", "contactEmail"],
    },
    wrong: [
      {
        what: "nobody asked for, a period that ends before it starts, an e-mail address without @",
        fill: async (field) => {
          await field("title").fill("Formularprobe");
          await field("tasks").fill("Probe");
          await field("headcount").fill("0");
          await field("startsOn").fill("2027-03-01");
          await field("endsOn").fill("2027-02-01");
          await field("hoursPerWeek").fill("20");
          await field("contactName").fill("Dr. Miriam Okafor");
          await field("contactEmail").fill("keine-adresse");
        },
        fields: ["headcount", "endsOn", "contactEmail"],
      },
      {
        what: "1e typed as hours",
        fill: (field, page) => typeNumber(field("hoursPerWeek"), page, "1e"),
        fields: ["hoursPerWeek"],
      },
    ],
    screenshot: true,
  },
  {
    form: "secondment-settings",
    as: "personal@wunstorf.demo",
    open: (page) => page.goto("/abordnungen/einstellungen").then(() => undefined),
    empty: {
      what: "empty deadline",
      fill: (field) => field("councilDeadlineWorkingDays").fill(""),
      fields: ["councilDeadlineWorkingDays"],
    },
    wrong: [
      {
        what: "no deadline and a negative cap",
        fill: async (field) => {
          await field("councilDeadlineWorkingDays").fill("0");
          await field("maxLentTotal").fill("-3");
        },
        fields: ["councilDeadlineWorkingDays", "maxLentTotal"],
      },
      {
        what: "1e typed as the cap (a field that may be empty: sent empty, it would lift the cap)",
        fill: async (field, page) => {
          await field("councilDeadlineWorkingDays").fill("10");
          await typeNumber(field("maxLentTotal"), page, "1e");
        },
        fields: ["maxLentTotal"],
      },
    ],
  },
  {
    form: "deputy",
    as: "personal@wunstorf.demo",
    open: (page) => page.goto("/abordnungen/einstellungen").then(() => undefined),
    empty: { what: "empty", fill: async () => {}, fields: ["startsOn", "endsOn"] },
    wrong: [
      {
        what: "31.02.2026 typed as the start",
        fill: async (field, page) => {
          await typeImpossibleDate(field("startsOn"), page);
          await field("endsOn").fill("2027-01-15");
        },
        fields: ["startsOn"],
      },
    ],
  },
  {
    form: "framework-version",
    as: "koordination@region-hannover.demo",
    open: (page) => page.goto("/rahmenvereinbarung").then(() => undefined),
    empty: { what: "empty", fill: async () => {}, fields: ["title", "body", "validFrom"] },
    wrong: [
      {
        what: "a short text and 31.02.2026 typed as the start",
        fill: async (field, page) => {
          await field("title").fill("Formularprobe");
          await field("body").fill("Zu kurz.");
          await typeImpossibleDate(field("validFrom"), page);
        },
        fields: ["validFrom"],
      },
    ],
  },
];

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
      const { context, page } = await newPage(browser);
      if (walk.as) await signInWithKeyboard(page, walk.as);
      await walk.open(page);
      const form = page.locator(`form[name="${walk.form}"]`);
      await form.waitFor();
      // Pre-filled values and loaded choices (departments, the catalogue) are in before the walk starts.
      await page.waitForLoadState("networkidle");
      for (const step of [walk.empty, ...walk.wrong]) {
        await attempt(page, walk, step);
        if (walk.screenshot) await screenshots(page, `form-${walk.form}-${step === walk.empty ? "empty" : walk.wrong.indexOf(step) + 1}`);
      }
      await context.close();
    });
  }
});
