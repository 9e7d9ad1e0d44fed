import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import { mondayOf } from "../web/src/features/settlement/hours";
import { todayInGermany } from "../web/src/i18n/dates";
import { ensureRunningSecondment, PERSON } from "./running-secondment";

/**
 * The forms of the web app and how `forms.e2e.ts` walks each: who opens it, where, what "empty"
 * and "wrong" mean for it, and which fields must then show an error.
 */

/** A way to fill a form: `field(name)` is the control named so in the form. */
export type Fill = (field: (name: string) => Locator, page: Page) => Promise<void>;

export interface Attempt {
  /** What the attempt tries, for the messages of a failure. */
  what: string;
  fill: Fill;
  /** The fields that must show an error at least (more may). */
  fields: string[];
}

export interface Walk {
  /** The form's `name` (`<Form name="…">` in `web/src/features`). */
  form: string;
  /** The account that opens it; null: signed out. */
  as: string | null;
  /** Makes what the form needs before anyone signs in (an account, a running secondment). */
  prepare?(): Promise<void>;
  /** The page that holds the form: its path, or how to get there. */
  open: string | ((page: Page) => Promise<void>);
  /**
   * Sent empty (pre-filled values cleared, boxes unticked), then each wrong attempt in turn. `valid`
   * for a form where empty is a valid answer (no filter, a first day not known yet), with the reason.
   */
  empty: Attempt | { valid: string };
  wrong: Attempt[];
  /** The form asks first in a dialog (declaring a crisis, linking an account): confirm it. */
  confirms?: boolean;
  /** Fields the page empties on purpose after a refusal (the password of a failed sign-in). */
  clears?: string[];
  /** Saved as `form-<name>-<attempt>-{1280,390}.png` when E2E_SCREENSHOTS is set. */
  screenshot?: boolean;
}

/** The fields of a new cost-rate parameter version that the page prefills with the version in force. */
const PARAMETER_FIELDS = [
  "socialSecurityPercent",
  "supplementaryPensionPercent",
  "civilServantPensionPercent",
  "employeeNetAnnualHours",
  "civilServantNetAnnualHours",
  "overheadOfficePercent",
  "overheadOtherPercent",
];
/** The field of Monday of this week in Germany: the first day of the hours form that takes hours. */
const MONDAY = `hours-${mondayOf(todayInGermany())}`;
/** The quarter `n` quarters before the last closed one in Germany (`2025-Q2`). */
function quarterBack(n: number): string {
  const today = todayInGermany();
  const index = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - 1 - n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The hours page of the seconded person's running secondment. */
async function openHours(page: Page) {
  await page.goto(`/abordnungen/${await ensureRunningSecondment()}/stunden`);
}

/** Forms the walk leaves out, and why. */
export const NOT_WALKED: Record<string, string> = {
  "sso-start": "one choice among the administrations offered; sending it leaves for that administration's sign-in page",
  "balances-year": "one choice among three years; nothing can be typed wrong",
  overhead:
    "one choice of four and, for an agreed percentage, one field; only on a secondment in the procedure — support.e2e.ts sends 100,5 % (refused at the field) and 12,5 %",
  "evaluation-filter":
    "choices only — a period, a peer group and administrations to tick; nothing can be typed wrong (standards-evaluation.e2e.ts sends a peer group)",
  "year-end-rule": "one choice between two rules, asked first in a dialog; nothing can be typed wrong (balances.e2e.ts sends it)",
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

export const WALKS: Walk[] = [
  {
    form: "sign-in",
    as: null,
    open: "/anmelden",
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
    open: "/profil",
    empty: { what: "empty", fill: (field) => field("displayName").fill(""), fields: ["displayName"] },
    wrong: [{ what: "a one-letter name", fill: (field) => field("displayName").fill("J"), fields: ["displayName"] }],
  },
  {
    form: "password",
    as: "klimaschutz@wunstorf.demo",
    open: "/profil",
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
    open: "/konten",
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
    form: "api-key-new",
    as: "controlling@wunstorf.demo",
    open: (page) => page.goto("/api-schluessel").then(() => undefined),
    empty: { what: "no name", fill: (field) => field("name").fill(""), fields: ["name"] },
    wrong: [{ what: "a name of 101 characters", fill: (field) => field("name").fill("F".repeat(101)), fields: ["name"] }],
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
    open: "/konten/anmeldung",
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
    open: "/pool",
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
    open: "/pool/mitglieder/neu",
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
    open: "/qualifikationen",
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
    open: "/krisen",
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
    open: "/anfragen/neu",
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
    open: "/abordnungen/einstellungen",
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
    open: "/abordnungen/einstellungen",
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
    open: "/rahmenvereinbarung",
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
  {
    form: "cost-rates-filter",
    as: "kaemmerei@wunstorf.demo",
    open: "/kostensaetze",
    empty: { valid: "no day: the rates of today" },
    wrong: [
      {
        what: "31.02.2026 typed as the day",
        fill: async (field, page) => typeImpossibleDate(field("on"), page),
        fields: ["on"],
      },
    ],
  },
  {
    form: "cost-rate-parameters",
    as: "koordination@region-hannover.demo",
    open: "/kostensaetze",
    empty: {
      what: "empty (the prefilled version in force cleared)",
      fill: async (field) => {
        for (const name of PARAMETER_FIELDS) await field(name).fill("");
      },
      fields: ["validFrom", ...PARAMETER_FIELDS],
    },
    wrong: [
      {
        what: "a day in the past, a percentage with three decimals, words for hours and 31.02.2026",
        fill: async (field) => {
          await field("validFrom").fill("2020-01-01");
          await field("socialSecurityPercent").fill("21,155");
          await field("employeeNetAnnualHours").fill("viel");
          await field("overheadOfficePercent").fill("120");
        },
        fields: ["socialSecurityPercent", "employeeNetAnnualHours", "overheadOfficePercent"],
      },
      {
        what: "31.02.2026 typed as the first day",
        fill: async (field, page) => typeImpossibleDate(field("validFrom"), page),
        fields: ["validFrom"],
      },
    ],
    confirms: true,
  },
  {
    form: "manual-cost-rate",
    as: "koordination@region-hannover.demo",
    open: "/kostensaetze/ohne-tabelle",
    empty: { what: "empty", fill: async () => {}, fields: ["validFrom", "centsPerHour"] },
    wrong: [
      {
        what: "a rate in words and 31.02.2026 typed as the first day",
        fill: async (field, page) => {
          await field("centsPerHour").fill("teuer");
          await typeImpossibleDate(field("validFrom"), page);
        },
        fields: ["validFrom"],
      },
      {
        what: "a rate in words",
        fill: async (field) => {
          await field("validFrom").fill("2030-01-01");
          await field("centsPerHour").fill("teuer");
        },
        fields: ["centsPerHour"],
      },
    ],
    confirms: true,
  },
  {
    form: "audit-filter",
    as: "personal@wunstorf.demo",
    open: "/protokoll",
    empty: { valid: "no filter: the whole audit log the reader may see" },
    wrong: [
      {
        what: "a period whose Bis lies before its Von",
        fill: async (field) => {
          await field("from").fill("2026-12-10");
          await field("to").fill("2026-12-01");
        },
        fields: ["to"],
      },
      {
        what: "31.02.2026 typed as Von (sent as no date, it would widen the filter)",
        fill: async (field, page) => {
          await field("to").fill("");
          await typeImpossibleDate(field("from"), page);
        },
        fields: ["from"],
      },
    ],
    screenshot: true,
  },
  {
    form: "first-day",
    as: "personal@region-hannover.demo",
    // A demo secondment to the Region Hannover that is agreed, so its HR office may set the first day.
    open: async (page) => {
      await page.goto("/abordnungen");
      const id = await page.evaluate(async () => {
        const res = await fetch("/api/v1/secondments?state=agreed&limit=50");
        const { items } = (await res.json()) as { items: Array<{ id: string; abilities: { editFirstDay: boolean } }> };
        return items.find((s) => s.abilities.editFirstDay)?.id;
      });
      expect(id, "an agreed secondment whose first day the Region Hannover's HR office may set").toBeTruthy();
      await page.goto(`/abordnungen/${id}`);
    },
    empty: { valid: "a first day without time, meeting point or notes: not known yet" },
    wrong: [
      {
        what: "a time in words and a meeting point longer than any",
        fill: async (field) => {
          await field("time").fill("8 Uhr");
          await field("place").fill("R".repeat(301));
        },
        fields: ["time", "place"],
      },
    ],
    screenshot: true,
  },
  {
    form: "timesheet-week",
    as: PERSON.login,
    prepare: async () => void (await ensureRunningSecondment()),
    open: openHours,
    empty: { what: "no day filled in", fill: async () => {}, fields: [MONDAY] },
    wrong: [
      { what: "hours in words", fill: async (field) => field(MONDAY).fill("acht"), fields: [MONDAY] },
      { what: "more than 10 hours", fill: async (field) => field(MONDAY).fill("10,5"), fields: [MONDAY] },
    ],
    screenshot: true,
  },
  {
    form: "expense-record",
    as: PERSON.login,
    prepare: async () => void (await ensureRunningSecondment()),
    open: openHours,
    empty: { what: "no amount", fill: async (field) => field("amountCents").fill(""), fields: ["amountCents"] },
    wrong: [
      { what: "an amount in words", fill: async (field) => field("amountCents").fill("zwölf Euro"), fields: ["amountCents"] },
      {
        what: "a day in the future and a web page named like a PDF as receipt",
        fill: async (field) => {
          await field("amountCents").fill("23,40");
          await field("day").fill("2199-12-31");
          await field("receipt").setInputFiles({
            name: "fahrkarte.pdf",
            mimeType: "application/pdf",
            buffer: Buffer.from("<html>keine Fahrkarte</html>"),
          });
        },
        fields: ["day", "receipt"],
      },
    ],
    screenshot: true,
  },
  {
    form: "statement-create",
    as: "kaemmerei@wunstorf.demo",
    open: "/abrechnungen",
    empty: {
      what: "no administration chosen, the month cleared",
      fill: async (field) => {
        await field("borrowerOrganizationId").selectOption("");
        await field("month").fill("");
      },
      fields: ["borrowerOrganizationId", "month"],
    },
    wrong: [
      {
        what: "month 2026-13",
        fill: async (field) => {
          await field("borrowerOrganizationId").selectOption({ label: "Region Hannover" });
          await field("month").fill("2026-13");
        },
        fields: ["month"],
      },
    ],
  },
  {
    form: "billing-details",
    as: "kaemmerei@wunstorf.demo",
    open: "/abrechnungen/rechnungsdaten",
    empty: { valid: "details may be entered one by one; the page lists what an XRechnung still misses" },
    wrong: [
      {
        what: "an IBAN with wrong check digits and a Leitweg-ID of the wrong form",
        fill: async (field) => {
          await field("iban").fill("DE00 1234 5678");
          await field("leitwegId").fill("Rechnungseingang");
        },
        fields: ["iban", "leitwegId"],
      },
    ],
  },
  {
    form: "standard-new",
    as: "koordination@region-hannover.demo",
    open: (page) => page.goto("/leistungsstandards/neu").then(() => undefined),
    empty: {
      what: "empty",
      fill: async () => {},
      fields: [
        "title",
        "titleEn",
        "theme",
        "indicatorDefinition",
        "measurement",
        "unit",
        "aggregation",
        "direction",
        "periodicity",
        "target",
        "tolerance",
        "validFrom",
        "anchor",
        "appliesTo",
      ],
    },
    wrong: [
      {
        what: "31.02.2026 typed as the start",
        fill: async (field, page) => typeImpossibleDate(field("validFrom"), page),
        fields: ["validFrom"],
      },
      {
        what: "a LeiKa key of three digits (the start now readable)",
        fill: async (field) => {
          await field("validFrom").fill("2027-01-01");
          await field("title").fill("Formularprobe");
          await field("leikaKey").fill("123");
        },
        fields: ["leikaKey"],
      },
    ],
  },
  {
    form: "standard-version",
    as: "koordination@region-hannover.demo",
    open: async (page) => {
      await page.goto("/leistungsstandards");
      await page.getByRole("link", { name: "Telefonische Erreichbarkeit (115-Serviceversprechen)" }).click();
      await page.getByRole("button", { name: "Neue Fassung erstellen" }).click();
    },
    empty: {
      what: "empty (the prefilled current version cleared)",
      fill: async (field) => {
        for (const name of ["title", "titleEn", "indicatorDefinition", "measurement", "target", "tolerance", "validFrom", "anchor"])
          await field(name).fill("");
      },
      fields: ["title", "titleEn", "indicatorDefinition", "measurement", "target", "tolerance", "validFrom", "anchor"],
    },
    wrong: [
      {
        what: "the fields filled again, a target of 120 % and no change note",
        fill: async (field) => {
          await field("title").fill("Formularprobe");
          await field("titleEn").fill("Form test");
          await field("indicatorDefinition").fill("Eine Kennzahl nur für die Probe.");
          await field("measurement").fill("Gemessen nur für die Probe.");
          await field("tolerance").fill("5");
          await field("validFrom").fill("2027-01-01");
          await field("anchor").fill("Probe");
          await field("target").fill("120");
        },
        fields: ["target", "changeNote"],
      },
    ],
    confirms: true,
  },
  {
    form: "reporting-period",
    as: "controlling@wunstorf.demo",
    open: "/meldungen",
    empty: { valid: "a select of the offered periods: one is always chosen" },
    wrong: [],
  },
  {
    form: "reporting-file",
    as: "personal@garbsen.demo",
    // The upload of a value file; what a file's own problems look like is shown by
    // standards-reporting.e2e.ts. A period that has not ended offers no upload, and that test submits
    // all of Wunstorf's last closed quarter; so, as for "reporting-values", Garbsen's personnel office
    // (org_admin, reports too) opens the last closed quarter, whose values the demo leaves open but
    // those of three standards. Only the missing file is tried here.
    open: (page) => page.goto(`/meldungen?zeitraum=${quarterBack(0)}`).then(() => undefined),
    empty: { what: "no file chosen", fill: async () => {}, fields: ["file"] },
    wrong: [],
  },
  {
    form: "submission-reply",
    as: "controlling@wunstorf.demo",
    // The right of reply at a published value of the quarter before the last closed one (the demo
    // publishes Wunstorf's values of that quarter): the first card's "Stellungnahme schreiben" (or
    // "ändern", when a test wrote one) opens the form. Nothing typed, and too long a text, are refused.
    open: async (page) => {
      await page.goto(`/meldungen?zeitraum=${quarterBack(1)}`);
      await page
        .getByRole("button", { name: /^Stellungnahme (schreiben|ändern):/ })
        .first()
        .click();
    },
    empty: { what: "no comment typed", fill: async () => {}, fields: ["text"] },
    wrong: [
      {
        what: "a comment longer than 600 characters",
        fill: async (field) => {
          await field("text").fill("Zu lang. ".repeat(70));
        },
        fields: ["text"],
      },
    ],
  },
  {
    form: "reporting-values",
    as: "personal@garbsen.demo",
    // The last closed quarter of Garbsen: the demo reports only the telephone, appointment and
    // building-permit standards, and no browser test reports for Garbsen, so the other quarterly
    // standards are open whatever ran before (a period that has not ended offers no field). "Nothing
    // typed" is told at the first open field (the standards by title: "Antwort auf Anregungen …").
    open: (page) => page.goto(`/meldungen?zeitraum=${quarterBack(0)}`).then(() => undefined),
    empty: { what: "no value typed", fill: async () => {}, fields: [`value-anregungen-antwort-${quarterBack(0)}`] },
    wrong: [
      {
        what: "a word as the value",
        fill: async (field) => {
          await field(`value-anregungen-antwort-${quarterBack(0)}`).fill("viel");
        },
        fields: [`value-anregungen-antwort-${quarterBack(0)}`],
      },
      {
        what: "a share above 100 % and a numerator above its denominator",
        fill: async (field) => {
          await field(`value-anregungen-antwort-${quarterBack(0)}`).fill("104");
          await field(`numerator-anregungen-antwort-${quarterBack(0)}`).fill("50");
          await field(`denominator-anregungen-antwort-${quarterBack(0)}`).fill("40");
        },
        fields: [`value-anregungen-antwort-${quarterBack(0)}`, `numerator-anregungen-antwort-${quarterBack(0)}`],
      },
    ],
    screenshot: true,
  },
];
