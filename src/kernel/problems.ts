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
  forbidden: { status: 403, de: "Dazu sind Sie nicht berechtigt.", en: "You are not allowed to do this." },
  not_found: { status: 404, de: "Nicht gefunden.", en: "Not found." },
  conflict: { status: 409, de: "Das steht im Widerspruch zu vorhandenen Daten.", en: "This conflicts with existing data." },
  payload_too_large: {
    status: 413,
    de: "Die Anfrage ist zu groß (höchstens 1 MB).",
    en: "The request is too large (at most 1 MB).",
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
 * German and English text for a zod issue, naming the rule in words. `params` are the issue's
 * fields; an `invalid_type` issue means a missing field only when it carries no `input` (parse with
 * `reportInput: true`, as `server/validation.ts` does), otherwise a value of the wrong type.
 */
export function describeIssue(rule: string, params: Record<string, unknown>): Bilingual {
  const minimum = params.minimum as number | undefined;
  const maximum = params.maximum as number | undefined;
  switch (rule) {
    case "invalid_type":
      return !("input" in params) || params.input === undefined
        ? { de: "Pflichtfeld fehlt.", en: "Required field is missing." }
        : { de: `Erwartet wird ${typeName(String(params.expected), "de")}.`, en: `Expected ${typeName(String(params.expected), "en")}.` };
    case "custom": {
      // A refinement names its message in both languages in `params` (e.g. the date range).
      const custom = params.params as Partial<Bilingual> | undefined;
      if (typeof custom?.de === "string" && typeof custom.en === "string") return { de: custom.de, en: custom.en };
      return { de: "Ungültiger Wert.", en: "Invalid value." };
    }
    case "too_small":
      return params.origin === "string"
        ? { de: `Mindestens ${minimum} Zeichen.`, en: `At least ${minimum} characters.` }
        : params.origin === "array"
          ? { de: `Mindestens ${minimum} Einträge.`, en: `At least ${minimum} entries.` }
          : { de: `Mindestens ${minimum}.`, en: `At least ${minimum}.` };
    case "too_big":
      return params.origin === "string"
        ? { de: `Höchstens ${maximum} Zeichen.`, en: `At most ${maximum} characters.` }
        : params.origin === "array"
          ? { de: `Höchstens ${maximum} Einträge.`, en: `At most ${maximum} entries.` }
          : { de: `Höchstens ${maximum}.`, en: `At most ${maximum}.` };
    case "invalid_format":
      return params.format === "email"
        ? { de: "Keine gültige E-Mail-Adresse.", en: "Not a valid e-mail address." }
        : params.format === "uuid"
          ? { de: "Keine gültige Kennung (UUID).", en: "Not a valid identifier (UUID)." }
          : { de: `Ungültiges Format (${params.format}).`, en: `Invalid format (${params.format}).` };
    case "invalid_value": {
      const values = Array.isArray(params.values) ? params.values.join(", ") : "";
      return { de: `Erlaubt sind: ${values}.`, en: `Allowed values: ${values}.` };
    }
    case "unrecognized_keys": {
      const keys = Array.isArray(params.keys) ? params.keys.join(", ") : "";
      return { de: `Unbekannte Felder: ${keys}.`, en: `Unknown fields: ${keys}.` };
    }
    default:
      return { de: "Ungültiger Wert.", en: "Invalid value." };
  }
}

function typeName(expected: string, lang: "de" | "en"): string {
  const de: Record<string, string> = {
    string: "ein Text",
    number: "eine Zahl",
    boolean: "ja/nein",
    object: "ein Objekt",
    array: "eine Liste",
    int: "eine ganze Zahl",
    null: "kein Wert (null)",
  };
  const en: Record<string, string> = {
    string: "a text",
    number: "a number",
    boolean: "true/false",
    object: "an object",
    array: "a list",
    int: "a whole number",
    null: "no value (null)",
  };
  return (lang === "de" ? de : en)[expected] ?? expected;
}
