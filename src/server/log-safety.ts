/**
 * What the JSON log may hold. Security invariant: no secret and no personal data from a request
 * reaches the log — not the tokens in addresses (the iCal feed `/ical/<token>.ics`, the SSO
 * callback's `code` and `state`), not cookies, CSRF tokens or authorization headers (redacted by
 * path), not request bodies (never logged), and not the parameters of a failed query (Drizzle puts
 * them into its error message, PostgreSQL puts values into `detail`). Guarded by
 * `log-safety.test.ts`, which reads every log line of a login, an SSO callback, an iCal fetch and a
 * failing query.
 */
import { postgresErrorOf } from "./database-errors";

const REDACTED = "[redacted]";

/** Query parameters whose values are secrets (OAuth/OIDC codes and tokens, passwords). */
const SECRET_PARAMETERS = new Set([
  "code",
  "state",
  "session_state",
  "id_token",
  "id_token_hint",
  "access_token",
  "refresh_token",
  "token",
  "client_secret",
  "password",
  "csrf",
]);

/** The address with its secrets replaced: the iCal token in the path, secret query parameters. */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  const path = (at < 0 ? url : url.slice(0, at)).replace(/^\/ical\/[^/?]+/, `/ical/${REDACTED}`);
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A broken name stays as it is.
      }
      return eq >= 0 && SECRET_PARAMETERS.has(decoded.toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${path}?${query}`;
}

/** Drizzle's "Failed query: … params: …": keeps the SQL text (placeholders), drops the values. */
function withoutParameters(message: string): string {
  const at = message.indexOf("\nparams: ");
  return at < 0 ? message : `${message.slice(0, at)}\nparams: ${REDACTED}`;
}

/**
 * The stack's frames under a safe first line. V8 starts a stack with `Name: message`; when it does
 * not (the message changed later), the stack is left out rather than risk the message in it.
 */
function safeStack(err: Error, message: string): string {
  const header = `${err.name}: ${err.message}`;
  if (!err.stack?.startsWith(header)) return "";
  return `${err.name}: ${message}${err.stack.slice(header.length)}`;
}

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  /** Empty when it could not be told apart from the message. */
  stack: string;
  code?: string;
  statusCode?: number;
  /** SQLSTATE and constraint of the database error behind it; never its message or detail. */
  database?: { code: string; constraint?: string; table?: string; column?: string; routine?: string };
}

/**
 * Pino serializer for `err`: type, message and stack (without query parameters), the error code
 * and the database's SQLSTATE — nothing of the error's other fields, which may carry values.
 */
export function serializeError(err: Error): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: "non-error value thrown", stack: "" };
  const pg = postgresErrorOf(err) as
    { code: string; constraint?: string; table?: string; column?: string; routine?: string; message?: string } | undefined;
  const isDatabaseMessage = pg !== undefined && pg === (err as unknown);
  // A PostgreSQL message may quote the value it refused (`invalid input syntax for type uuid: "…"`).
  const message = isDatabaseMessage ? `database error ${pg.code}` : withoutParameters(err.message);
  const logged: LoggedError = { type: err.constructor?.name ?? "Error", message, stack: safeStack(err, message) };
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") logged.code = code;
  const statusCode = (err as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === "number") logged.statusCode = statusCode;
  if (pg) logged.database = { code: pg.code, constraint: pg.constraint, table: pg.table, column: pg.column, routine: pg.routine };
  return logged;
}

/** Pino serializer for `req` (Fastify's, with the address redacted). */
export function serializeRequest(req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** Header paths pino redacts wherever headers are logged. */
export const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
  'headers["x-csrf-token"]',
];
