import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

type ProblemDocument = components["schemas"]["Problem"];

/**
 * An RFC 9457 problem document as the API sends it (the document's `Problem` schema), or the one
 * the client makes up when the server cannot be reached (`code: "network"`).
 */
export type Problem = Omit<ProblemDocument, "code"> & { code: ProblemDocument["code"] | "network" };

let csrfToken = "";
let language: "de" | "en" = "de";
const activityListeners = new Set<(idleRemainingSeconds: number | null) => void>();
const expiryListeners = new Set<() => void>();

/** Remembers the CSRF token of the current session (sent as `X-CSRF-Token` on changes). */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** The language sent as `Accept-Language`, so problem titles come in the UI's language. */
export function setApiLanguage(lang: "de" | "en") {
  language = lang;
}

/**
 * Called after every successful request, with the seconds until the session's idle limit as the
 * server counts them (header `Verbund-Idle-Remaining`; null when the answer does not say).
 */
export function onSessionActivity(listener: (idleRemainingSeconds: number | null) => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** Called when the server answers that the session has expired. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (!["GET", "HEAD"].includes(request.method) && csrfToken) request.headers.set("X-CSRF-Token", csrfToken);
    request.headers.set("Accept-Language", language === "en" ? "en" : "de");
    return request;
  },
  async onResponse({ request, response }) {
    const isStatusPoll = request.method === "GET" && new URL(request.url).pathname === "/api/v1/session";
    if (response.ok && !isStatusPoll) {
      const header = response.headers.get("verbund-idle-remaining");
      const remaining = header === null || !/^\d+$/.test(header) ? null : Number(header);
      activityListeners.forEach((l) => l(remaining));
    }
    if (response.status === 401 && csrfToken) {
      const problem = (await response
        .clone()
        .json()
        .catch(() => null)) as Problem | null;
      if (problem?.code === "session_expired" || problem?.code === "unauthenticated") expiryListeners.forEach((l) => l());
    }
    return response;
  },
};

/** The typed API client, generated from `/api/openapi.json`. */
export const api = createClient<paths>({ baseUrl: "" });
api.use(session);

/** Turns an error body into a problem (also when a proxy answered with something else). */
export function asProblem(error: unknown, status?: number): Problem {
  const p = error as Partial<Problem> | undefined;
  if (p && typeof p === "object" && p.messages) return p as Problem;
  return {
    type: "about:blank",
    title: "Fehler",
    status: status ?? 0,
    detail: "",
    code: "network",
    messages: {
      de: "Der Server ist nicht erreichbar. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es erneut.",
      en: "The server cannot be reached. Your input is kept; please try again.",
    },
  };
}
