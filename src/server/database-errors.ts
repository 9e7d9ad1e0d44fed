import { constraintMeaning, type ConstraintMeaning } from "../db/constraints";
import { AppError, type Bilingual, type FieldProblem } from "../kernel/problems";

/** The parts of a PostgreSQL error (node-postgres and PGlite alike) that decide the answer. */
interface PostgresError {
  /** SQLSTATE, five characters. */
  code: string;
  constraint?: string;
  column?: string;
  /** E.g. `Key (crisis_id)=(…) is not present in table "crises".` — only the column names are used. */
  detail?: string;
}

/** Finds the PostgreSQL error behind a driver or ORM error (Drizzle wraps it as `cause`). */
export function postgresErrorOf(error: unknown): PostgresError | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as PostgresError;
  }
  return undefined;
}

const CONCURRENT: Bilingual = {
  de: "Jemand hat dieselben Daten gerade gleichzeitig geändert. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
  en: "Someone changed the same data at the same moment. Please reload the page and try again.",
};

/** The request field a constraint is about: declared, or the key column named in the error, in camelCase. */
function fieldOf(pgError: PostgresError, meaning: ConstraintMeaning | undefined): string {
  if (meaning) return meaning.field;
  const columns = /Key \(([a-z0-9_, ]+)\)=/.exec(pgError.detail ?? "")?.[1] ?? pgError.column;
  if (!columns) return "body";
  const last = columns.split(",").pop()!.trim();
  return last.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function fieldProblem(pgError: PostgresError, meaning: ConstraintMeaning | undefined, rule: string, fallback: Bilingual): FieldProblem[] {
  return [{ field: fieldOf(pgError, meaning), in: "body", rule: meaning?.rule ?? rule, message: meaning?.message ?? fallback }];
}

/**
 * Turns an error the database raised into the problem a user should get, or undefined when it is
 * not a database error that input or a race can cause. This is the one place where database
 * errors become answers: a unique violation (two requests raced past a check) is a 409 naming
 * the field, a missing referenced row a 404, a value PostgreSQL refuses a 400, a serialisation
 * failure or deadlock a 409 asking to try again — never a 500.
 */
export function problemFromDatabaseError(error: unknown): AppError | undefined {
  const pgError = postgresErrorOf(error);
  if (!pgError) return undefined;
  const meaning = constraintMeaning(pgError.constraint);
  switch (pgError.code) {
    case "23505": // unique_violation
      return new AppError("conflict", {
        fields: fieldProblem(pgError, meaning, "unique", {
          de: "Diesen Eintrag gibt es bereits.",
          en: "This entry exists already.",
        }),
      });
    case "23503": // foreign_key_violation: a referenced object does not exist (any more)
      return new AppError("not_found", {
        fields: fieldProblem(pgError, meaning, "exists", {
          de: "Ein genanntes Objekt gibt es nicht (mehr).",
          en: "An object named in the request does not exist (any more).",
        }),
      });
    case "40001": // serialization_failure
    case "40P01": // deadlock_detected
    case "55P03": // lock_not_available
      return new AppError("conflict", { message: CONCURRENT, headers: { "retry-after": "1" } });
    case "57014": // query_canceled (statement timeout)
      return new AppError("unavailable", { headers: { "retry-after": "5" } });
  }
  const klass = pgError.code.slice(0, 2);
  // 22: data exception (a date PostgreSQL cannot hold, a NUL byte, a number out of range);
  // 23: another integrity constraint (not null, check).
  if (klass === "22" || klass === "23") {
    return new AppError("validation", {
      fields: fieldProblem(pgError, meaning, "storable", {
        de: "Dieser Wert kann nicht gespeichert werden.",
        en: "This value cannot be stored.",
      }),
    });
  }
  // 08: connection exception; 53: insufficient resources; 57P: server shutting down.
  if (klass === "08" || klass === "53" || pgError.code.startsWith("57P")) {
    return new AppError("unavailable", { headers: { "retry-after": "5" } });
  }
  return undefined;
}
