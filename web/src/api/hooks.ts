import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import { useTranslation } from "react-i18next";
import { asProblem, type Problem } from "./client";

/**
 * What a call of the typed client (`api.GET(…)`, `api.POST(…)`) resolves to. The client itself
 * sends the CSRF token, the UI language, and tells the session when the server says it has
 * expired (see `client.ts`); these hooks turn the answer into what a page shows.
 */
export type ApiResult<T> = { data?: T; error?: unknown; response: Response };

/** Field errors of a problem, by field name, in the UI language (for the form's fields). */
export function fieldErrors(problem: Problem | null, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) out[e.field] ??= lang === "en" ? e.message.en : e.message.de;
  return out;
}

/** When loading a page failed because the server did not answer (a change keeps the input instead). */
const UNREACHABLE_ON_LOAD = {
  de: "Der Server ist nicht erreichbar. Bitte laden Sie die Seite gleich noch einmal.",
  en: "The server cannot be reached. Please reload the page in a moment.",
};

/** Runs a request; a failure (answer or network) becomes a problem in plain language. */
async function settle<T>(
  send: () => Promise<ApiResult<T>>,
  unreachable?: Problem["messages"],
): Promise<{ ok: true; data: T } | { ok: false; problem: Problem }> {
  try {
    const res = await send();
    if (res.response.ok) return { ok: true, data: res.data as T };
    return { ok: false, problem: asProblem(res.error, res.response.status) };
  } catch {
    const problem = asProblem(undefined);
    return { ok: false, problem: unreachable ? { ...problem, messages: unreachable } : problem };
  }
}

/** Data a page loads, see {@link useApi}. */
export interface Query<T> {
  /** The answer; undefined while loading and when it failed. */
  data: T | undefined;
  /** Why loading failed (a 404 for a missing or foreign object), or null. */
  problem: Problem | null;
  isLoading: boolean;
  /** Loads again (after a change elsewhere); the old data stays visible meanwhile. */
  reload(): Promise<void>;
  /** Replaces the data with what a change answered (the server's new state). */
  setData(data: T): void;
}

/**
 * Loads data for a page when it mounts and whenever `deps` change; what was loaded stays until the
 * new answer replaces it, and a late answer for old `deps` is dropped. Pass `null` as `load` to
 * load nothing (yet).
 *
 * @example
 * const outbox = useApi(() => api.GET("/api/v1/outbox"), []);
 * if (!outbox.data) return <QueryState query={outbox} title={t("outbox.title")} />;
 */
export function useApi<T>(load: (() => Promise<ApiResult<T>>) | null, deps: DependencyList): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isLoading, setLoading] = useState(load !== null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const current = loadRef.current;
    const mine = ++generation.current;
    if (!current) {
      setLoading(false);
      return;
    }
    setLoading(true);
    const result = await settle(current, UNREACHABLE_ON_LOAD);
    if (mine !== generation.current) return;
    if (result.ok) {
      setData(result.data);
      setProblem(null);
    } else {
      setData(undefined);
      setProblem(result.problem);
    }
    setLoading(false);
  }, []);

  useEffect(() => {
    void reload();
    // `deps` say when to load again; `load` itself is a new function at every render.
  }, deps);

  return { data, problem, isLoading, reload, setData };
}

/** A change a page makes, see {@link useMutation}. */
export interface Mutation<A extends unknown[]> {
  /** Sends the change; resolves to null when the server accepted it, else to the problem. */
  run(...args: A): Promise<Problem | null>;
  /** While the change is on its way. */
  busy: boolean;
  /** The problem of the last attempt (for `ErrorSummary`), or null after a success. */
  problem: Problem | null;
  /** The problem's field errors by field, in the UI language (for each field's `error`). */
  errors: Record<string, string>;
  /** Forgets the problem (e.g. when a dialog is cancelled). */
  reset(): void;
  /** Shows a problem the page found before sending (a date the browser could not read) like a refusal. */
  fail(problem: Problem): void;
}

/**
 * A change: sends it, keeps the problem of a refusal for the form (summary and field errors in
 * the UI language) and calls `onSuccess` with the answer.
 *
 * @example
 * const save = useMutation((body: Body) => api.PUT("/api/v1/secondment-settings", { body }), {
 *   onSuccess: (settings) => { apply(settings); setNotice(t("secondments.settings.saved")); },
 * });
 * <ErrorSummary problem={save.problem} labels={labels} />
 * <TextField … error={save.errors.maxLentTotal} />
 */
export function useMutation<A extends unknown[], T>(
  send: (...args: A) => Promise<ApiResult<T>>,
  options: {
    /** Called with the answer (undefined for 204) and the arguments, after a success. */
    onSuccess?(data: T, ...args: A): void | Promise<void>;
  } = {},
): Mutation<A> {
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const run = useCallback(async (...args: A) => {
    setBusy(true);
    const result = await settle(() => latest.current.send(...args));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return result.problem;
    }
    setProblem(null);
    await latest.current.options.onSuccess?.(result.data, ...args);
    return null;
  }, []);
  const reset = useCallback(() => setProblem(null), []);
  const fail = useCallback((found: Problem) => setProblem(found), []);
  return { run, busy, problem, errors: fieldErrors(problem, i18n.language), reset, fail };
}

/** A page of a list as every list route answers it (`cursor` and `limit` ask for the next one). */
export interface PageOf<I> {
  items: I[];
  nextCursor: string | null;
}

/** A list a page loads a page at a time, see {@link usePagedApi}. */
export interface PagedQuery<P extends PageOf<unknown>> extends Query<P> {
  /** Whether the server has more items after those loaded. */
  hasMore: boolean;
  /** Loads the next page and appends its items; its problem is kept in `moreProblem`. */
  loadMore(): Promise<void>;
  /** While the next page is on its way. */
  isLoadingMore: boolean;
  /** Why loading the next page failed, or null. */
  moreProblem: Problem | null;
}

/**
 * Loads the first page of a list like {@link useApi}; `loadMore()` fetches the next one (the
 * `nextCursor` of the last answer) and appends its items to `data.items`, so a page shows one
 * growing list. Reloading starts again at the first page.
 *
 * @example
 * const members = usePagedApi((cursor) => api.GET("/api/v1/pool-members", { params: { query: { cursor } } }), []);
 * <LoadMore query={members} />
 */
export function usePagedApi<P extends PageOf<unknown>>(
  load: ((cursor?: string) => Promise<ApiResult<P>>) | null,
  deps: DependencyList,
): PagedQuery<P> {
  const first = useApi<P>(load ? () => load(undefined) : null, deps);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const dataRef = useRef(first.data);
  dataRef.current = first.data;

  const loadMore = useCallback(async () => {
    const current = dataRef.current;
    if (!current?.nextCursor || !loadRef.current) return;
    setLoadingMore(true);
    const result = await settle(() => loadRef.current!(current.nextCursor!));
    setLoadingMore(false);
    // Dropped when the list was reloaded meanwhile.
    if (dataRef.current !== current) return;
    if (!result.ok) {
      setMoreProblem(result.problem);
      return;
    }
    setMoreProblem(null);
    first.setData({ ...result.data, items: [...current.items, ...result.data.items] });
  }, [first.setData]);

  return { ...first, hasMore: !!first.data?.nextCursor, loadMore, isLoadingMore, moreProblem };
}

/**
 * Every page of a short list that a form needs whole (the qualification catalogue, the crises):
 * follows `nextCursor` at the largest page size until the last page, and answers like one page.
 */
export async function allPages<P extends PageOf<unknown>>(load: (cursor?: string) => Promise<ApiResult<P>>): Promise<ApiResult<P>> {
  let result = await load(undefined);
  const items = [...(result.data?.items ?? [])];
  while (result.response.ok && result.data?.nextCursor) {
    const next = await load(result.data.nextCursor);
    if (!next.response.ok || !next.data) return next;
    items.push(...next.data.items);
    result = { ...next, data: { ...next.data, items } };
  }
  return result;
}
