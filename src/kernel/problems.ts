/**
 * Typed application errors, turned into RFC 9457 problem responses in one place
 * (`plugins/errors.ts`). Every problem carries a German and an English message.
 */

/** A message in both UI languages. */
export interface Bilingual {
  de: string;
  en: string;
}

const PROBLEMS = {
  validation: { status: 400, de: "Die Eingaben sind nicht gültig.", en: "The input is not valid." },
  unauthenticated: { status: 401, de: "Bitte melden Sie sich an.", en: "Please sign in." },
  invalid_credentials: {
    status: 401,
    de: "Anmeldename oder Passwort ist falsch.",
    en: "Login or password is incorrect.",
  },
  session_expired: {
    status: 401,
    de: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    en: "Your session has expired. Please sign in again.",
  },
  csrf: {
    status: 403,
    de: "Die Anfrage enthält kein gültiges CSRF-Token. Bitte laden Sie die Seite neu.",
    en: "The request carries no valid CSRF token. Please reload the page.",
  },
  api_key_invalid: {
    status: 401,
    de: "Der API-Schlüssel ist ungültig oder widerrufen. Bitte lassen Sie sich vom Personalamt oder Controlling Ihrer Verwaltung einen neuen Schlüssel geben.",
    en: "The API key is invalid or revoked. Please ask your administration's HR office or controlling for a new key.",
  },
  api_key_required: {
    status: 401,
    de: "Diese Adresse ist nur mit einem API-Schlüssel erreichbar (Kopfzeile „Authorization: Bearer …“).",
    en: 'This address is only available with an API key (header "Authorization: Bearer …").',
  },
  api_key_not_accepted: {
    status: 403,
    de: "Mit diesem API-Schlüssel werden nur Werte gemeldet (POST /api/v1/submissions). Für alles andere, auch Vorlagen und Datei-Importe, melden Sie sich bitte im Browser an.",
    en: "This API key only reports values (POST /api/v1/submissions). For anything else, templates and file imports included, please sign in in the browser.",
  },
  forbidden: { status: 403, de: "Dazu sind Sie nicht berechtigt.", en: "You are not allowed to do this." },
  not_found: { status: 404, de: "Nicht gefunden.", en: "Not found." },
  conflict: { status: 409, de: "Das steht im Widerspruch zu vorhandenen Daten.", en: "This conflicts with existing data." },
  payload_too_large: {
    status: 413,
    de: "Die Anfrage ist zu groß.",
    en: "The request is too large.",
  },
  uri_too_long: { status: 414, de: "Die Adresse ist zu lang.", en: "The address is too long." },
  unsupported_media_type: {
    status: 415,
    de: "Dieses Datenformat wird nicht angenommen.",
    en: "This media type is not accepted.",
  },
  unprocessable: {
    status: 422,
    de: "Die Anfrage kann so nicht ausgeführt werden.",
    en: "The request cannot be carried out as it stands.",
  },
  login_locked: {
    status: 429,
    de: "Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten erneut.",
    en: "Too many failed sign-ins. Please try again in 15 minutes.",
  },
  rate_limited: {
    status: 429,
    de: "Zu viele Anfragen. Bitte warten Sie einen Moment.",
    en: "Too many requests. Please wait a moment.",
  },
  internal: {
    status: 500,
    de: "Ein interner Fehler ist aufgetreten. Ihre Eingaben wurden nicht gespeichert; bitte versuchen Sie es erneut.",
    en: "An internal error occurred. Your input was not saved; please try again.",
  },
  unavailable: { status: 503, de: "Der Dienst ist vorübergehend nicht verfügbar.", en: "The service is temporarily unavailable." },
} as const satisfies Record<string, Bilingual & { status: number }>;

/** Every problem code the API can answer with. */
export type ProblemCode = keyof typeof PROBLEMS;

/** The problem codes, for schemas (`z.enum(PROBLEM_CODES)`). */
export const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];

/** One invalid field of a 400/422 answer: where, which rule, and what to do. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `login` or `roles.0`. */
  field: string;
  /** Where the field was: `body`, `querystring`, `params`, `headers`, or `url` (the address itself). */
  in: string;
  /** The rule it broke, e.g. `too_small`, `invalid_type`, `invalid_format`. */
  rule: string;
  message: Bilingual;
}

/** An error a use case throws on purpose; the error handler renders it as a problem. */
export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly messages: Bilingual;
  readonly fields?: FieldProblem[];
  readonly headers?: Record<string, string>;

  constructor(code: ProblemCode, options: { message?: Bilingual; fields?: FieldProblem[]; headers?: Record<string, string> } = {}) {
    const known = PROBLEMS[code];
    super(options.message?.en ?? known.en);
    this.code = code;
    this.status = known.status;
    this.messages = options.message ?? { de: known.de, en: known.en };
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

/** The default German/English message and status of a problem code. */
export function problemInfo(code: ProblemCode): Bilingual & { status: number } {
  return PROBLEMS[code];
}

/** An RFC 9457 problem document as Verbund sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ProblemCode;
  messages: Bilingual;
  errors?: FieldProblem[];
}

/** Builds the problem document; `lang` picks the language of `title` and `detail`. */
export function toProblem(
  code: ProblemCode,
  messages: Bilingual,
  lang: "de" | "en",
  extra: { instance?: string; errors?: FieldProblem[] } = {},
): ProblemDocument {
  const info = PROBLEMS[code];
  const title = lang === "en" ? info.en : info.de;
  const detail = lang === "en" ? messages.en : messages.de;
  const detailWithFields =
    extra.errors && extra.errors.length > 0
      ? `${detail} ${extra.errors.map((e) => `${e.field}: ${lang === "en" ? e.message.en : e.message.de}`).join("; ")}`
      : detail;
  return {
    type: `urn:verbund:problem:${code}`,
    title,
    status: info.status,
    detail: detailWithFields,
    ...(extra.instance ? { instance: extra.instance } : {}),
    code,
    messages,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/**
 * German and English text for a zod issue, written for the person at the form (the summary puts
 * the field's label in front): what to do, never the validator's words. `params` are the issue's
 * fields; an `invalid_type` issue means a missing field only when it carries no `input` (parse with
 * `reportInput: true`, as `server/validation.ts` does), otherwise a value of the wrong type.
 * `test/plain-language.test.ts` keeps validator words out of every message.
 */
export function describeIssue(rule: string, params: Record<string, unknown>): Bilingual {
  const minimum = Number(params.minimum);
  const maximum = Number(params.maximum);
  // Grouped from five digits on (DIN 5008): a year reads "2000", not "2.000"; 50.000 stays grouped.
  const number = (n: number, lang: "de" | "en") =>
    new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", { useGrouping: "min2" }).format(n);
  switch (rule) {
    case "invalid_type":
      return !("input" in params) || params.input === undefined || params.input === null ? FILL_IN : wrongType(String(params.expected));
    case "custom": {
      // A refinement names its message in both languages in `params` (e.g. the date range).
      const custom = params.params as Partial<Bilingual> | undefined;
      if (typeof custom?.de === "string" && typeof custom.en === "string") return { de: custom.de, en: custom.en };
      return CHECK;
    }
    case "too_small":
      if (params.origin === "string") {
        return minimum <= 1 ? FILL_IN : { de: `Geben Sie mindestens ${minimum} Zeichen ein.`, en: `Enter at least ${minimum} characters.` };
      }
      if (params.origin === "array" || params.origin === "set") {
        return minimum <= 1
          ? { de: "Wählen Sie mindestens einen Eintrag aus.", en: "Choose at least one entry." }
          : { de: `Wählen Sie mindestens ${minimum} Einträge aus.`, en: `Choose at least ${minimum} entries.` };
      }
      return params.inclusive === false
        ? { de: `Geben Sie eine Zahl über ${number(minimum, "de")} ein.`, en: `Enter a number above ${number(minimum, "en")}.` }
        : { de: `Geben Sie eine Zahl ab ${number(minimum, "de")} ein.`, en: `Enter a number of at least ${number(minimum, "en")}.` };
    case "too_big":
      if (params.origin === "string") {
        return { de: `Geben Sie höchstens ${maximum} Zeichen ein.`, en: `Enter at most ${maximum} characters.` };
      }
      if (params.origin === "array" || params.origin === "set") {
        return { de: `Wählen Sie höchstens ${maximum} Einträge aus.`, en: `Choose at most ${maximum} entries.` };
      }
      return params.inclusive === false
        ? { de: `Geben Sie eine Zahl unter ${number(maximum, "de")} ein.`, en: `Enter a number below ${number(maximum, "en")}.` }
        : { de: `Geben Sie eine Zahl bis ${number(maximum, "de")} ein.`, en: `Enter a number of at most ${number(maximum, "en")}.` };
    case "invalid_format":
      switch (params.format) {
        case "email":
          return {
            de: "Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.",
            en: "Enter an e-mail address like name@example.org.",
          };
        case "uuid":
        case "guid":
          return { de: "Wählen Sie einen Eintrag aus der Liste aus.", en: "Choose an entry from the list." };
        case "date":
          return { de: "Geben Sie das Datum im Format 31.12.2026 ein.", en: "Enter the date like 31/12/2026." };
        case "datetime":
          return { de: "Geben Sie Datum und Uhrzeit im Format 31.12.2026, 14:30 ein.", en: "Enter date and time like 31/12/2026, 14:30." };
        case "url":
          return {
            de: "Geben Sie eine Internetadresse im Format https://www.beispiel.de ein.",
            en: "Enter a web address like https://www.example.org.",
          };
        default:
          return CHECK;
      }
    case "invalid_value": {
      const values = Array.isArray(params.values) ? params.values : [];
      if (values.length === 1 && values[0] === true) return { de: "Bitte bestätigen Sie dies.", en: "Please confirm this." };
      return { de: "Wählen Sie einen der angebotenen Werte aus.", en: "Choose one of the values offered." };
    }
    case "invalid_union":
      return CHECK;
    case "unrecognized_keys": {
      // Only a program sends fields Verbund does not know (no form has them): name them.
      const keys = Array.isArray(params.keys) ? params.keys.join(", ") : "";
      return { de: `Diese Angaben kennt Verbund nicht: ${keys}.`, en: `Verbund does not know these fields: ${keys}.` };
    }
    default:
      return CHECK;
  }
}

const FILL_IN: Bilingual = { de: "Bitte füllen Sie dieses Feld aus.", en: "Please fill in this field." };
const CHECK: Bilingual = { de: "Bitte prüfen Sie diese Angabe.", en: "Please check this entry." };

function wrongType(expected: string): Bilingual {
  switch (expected) {
    case "number":
    case "int":
    case "bigint":
      return { de: "Geben Sie eine Zahl ein.", en: "Enter a number." };
    case "boolean":
      return { de: "Wählen Sie Ja oder Nein.", en: "Choose yes or no." };
    case "array":
      return { de: "Wählen Sie einen oder mehrere Einträge aus.", en: "Choose one or more entries." };
    case "string":
      return { de: "Geben Sie einen Text ein.", en: "Enter a text." };
    default:
      return CHECK;
  }
}
