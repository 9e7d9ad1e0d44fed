import { useTranslation } from "react-i18next";
import type { Query } from "../api/hooks";
import { Page } from "./Page";
import { ProblemAlert } from "./forms";

/**
 * What a page shows until its data is there: "Wird geladen …" while loading; "Diese Seite gibt es
 * nicht." for a missing (or foreign) object; otherwise the page's title with the problem in plain
 * language (e.g. not allowed, server unreachable). `inline` is for a part of a page: the loading
 * text or the problem, without a page around it.
 *
 * @example
 * if (!secondment.data) return <QueryState query={secondment} title={t("secondments.one")} />;
 */
export function QueryState({ query, title, inline }: { query: Query<unknown>; title?: string; inline?: boolean }) {
  const { t } = useTranslation();
  if (!query.problem) return <p className="kern-body">{t("errors.loading")}</p>;
  if (inline) return <ProblemAlert problem={query.problem} />;
  if (query.problem.status === 404 || !title) return <Page title={t("errors.notFound")}>{null}</Page>;
  return (
    <Page title={title}>
      <ProblemAlert problem={query.problem} />
    </Page>
  );
}
