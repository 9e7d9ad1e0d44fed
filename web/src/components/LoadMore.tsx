import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PagedQuery, PageOf } from "../api/hooks";
import { Button, ProblemAlert } from "./forms";

/**
 * Under a paged list: how many entries are shown and, while the server has more, a button that
 * appends the next page ("Weitere laden"). A plain button, so it works with the keyboard; focus
 * stays on it, and the count is announced politely after each page. `label` names the list for
 * the button's accessible name when a page has more than one list (it starts with the visible text);
 * `text` replaces the button's words where the list has its own ("Ältere Einträge").
 * When the last page arrives the button goes; the focus it had moves to the count, so a keyboard
 * user keeps the place instead of starting again at the top of the page.
 *
 * @example
 * <LoadMore query={members} label={t("pool.members.title")} />
 */
export function LoadMore({ query, label, text }: { query: PagedQuery<PageOf<unknown>>; label?: string; text?: string }) {
  const { t } = useTranslation();
  const shown = query.data?.items.length ?? 0;
  const count = useRef<HTMLParagraphElement>(null);
  // Once the person loaded more, the count stays (and takes the focus when the button goes).
  const [hasLoadedMore, setLoadedMore] = useState(false);
  useEffect(() => {
    if (!query.hasMore && hasLoadedMore && document.activeElement === document.body) count.current?.focus();
  }, [query.hasMore, hasLoadedMore]);
  if (!query.hasMore && !query.moreProblem && !hasLoadedMore) return null;
  return (
    <div className="load-more">
      {query.moreProblem ? <ProblemAlert problem={query.moreProblem} /> : null}
      <p className="kern-body" role="status" aria-live="polite" tabIndex={-1} ref={count}>
        {t("list.shown", { count: shown })}
      </p>
      {query.hasMore ? (
        <p>
          <Button
            type="button"
            kind="secondary"
            // Not disabled while loading: a disabled button would lose the keyboard focus.
            onClick={() => {
              setLoadedMore(true);
              void (query.isLoadingMore ? undefined : query.loadMore());
            }}
            label={label ? `${text ?? t("list.more")}: ${label}` : undefined}
          >
            {query.isLoadingMore ? t("errors.loading") : (text ?? t("list.more"))}
          </Button>
        </p>
      ) : null}
    </div>
  );
}

/** The number of entries for a caption: "50+" while the server has more than those loaded. */
export function shownCount(query: PagedQuery<PageOf<unknown>>): string {
  const shown = query.data?.items.length ?? 0;
  return query.hasMore ? `${shown}+` : String(shown);
}
