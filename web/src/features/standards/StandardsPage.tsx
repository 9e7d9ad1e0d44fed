import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import type { StandardList, StandardSummary } from "./api";
import { ProposalBadge } from "./ProposalBadge";
import { targetWords, toleranceInUnit } from "./words";

/** The catalogue of service standards, grouped by theme (public: also without signing in). */
export function StandardsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useApi<StandardList>(() => api.GET("/api/v1/standards"), []);
  if (!list.data) return <QueryState query={list} title={t("standards.title")} />;
  // The server answers in the order of the themes; the page keeps it and groups.
  const groups: Array<{ theme: StandardSummary["current"]["theme"]; items: StandardSummary[] }> = [];
  for (const s of list.data.items) {
    const last = groups.at(-1);
    if (last && last.theme === s.current.theme) last.items.push(s);
    else groups.push({ theme: s.current.theme, items: [s] });
  }
  const hasProposals = list.data.items.some((s) => s.current.isProposal);
  return (
    <Page title={t("standards.title")} intro={t("standards.intro")}>
      {hasProposals ? <p className="kern-body">{t("standards.proposalNote")}</p> : null}
      {list.data.abilities.create ? (
        <p>
          <Link to="/leistungsstandards/neu" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("standards.create")}</span>
          </Link>
        </p>
      ) : null}
      {groups.length === 0 ? <p className="kern-body">{t("standards.none")}</p> : null}
      {groups.map((g) => {
        const headingId = `standards-theme-${g.theme}`;
        return (
          <section key={g.theme} aria-labelledby={headingId}>
            <h2 className="kern-heading-medium" id={headingId}>
              {t("standards.themeTitle", { theme: t(`standards.themes.${g.theme}`), count: g.items.length })}
            </h2>
            <DataTable
              id={`${headingId}-table`}
              labelledBy={headingId}
              stacked
              columns={[
                { label: t("standards.standard") },
                { label: t("standards.target") },
                { label: t("standards.tolerance") },
                { label: t("standards.periodicity") },
                { label: t("standards.appliesTo") },
              ]}
            >
              {g.items.map((s) => (
                <tr key={s.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link to="/leistungsstandards/$id" params={{ id: s.id }}>
                      {lang === "en" ? s.current.titleEn : s.current.title}
                    </Link>{" "}
                    {s.current.isProposal ? <ProposalBadge /> : null}
                    {!s.isInForce ? <span className="kern-hint"> ({t("standards.notInForce")})</span> : null}
                  </th>
                  <td className="kern-table__cell">{targetWords(t, lang, s.current)}</td>
                  <td className="kern-table__cell">{toleranceInUnit(t, lang, s.current)}</td>
                  <td className="kern-table__cell">{t(`standards.periodicities.${s.current.periodicity}`)}</td>
                  <td className="kern-table__cell">{t(`standards.applicabilities.${s.current.appliesTo}`)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </Page>
  );
}
