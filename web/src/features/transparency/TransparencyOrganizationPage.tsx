import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { valueText } from "../standards/numbers";
import { toleranceInUnit } from "../standards/words";
import type { TransparencyOrganization } from "./api";

/**
 * One administration's published values (public): per standard its target, tolerance, how it is
 * measured and its basis, then a table of the periods — value, status (in words, never colour
 * alone), the administration's method, confidence and its comment (right of reply).
 */
export function TransparencyOrganizationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const page = useApi<TransparencyOrganization>(
    () => api.GET("/api/v1/transparency/organizations/{id}", { params: { path: { id } } }),
    [id],
  );
  if (!page.data) return <QueryState query={page} title={t("transparency.title")} />;
  const { organization, standards, asOf } = page.data;
  return (
    <Page
      title={t("transparency.orgTitle", { name: organization.name })}
      intro={t("transparency.orgIntro", { name: organization.name, date: f.dateLong(asOf) })}
    >
      <p className="kern-body">
        <Link className="kern-link" to="/transparenz">
          {t("transparency.back")}
        </Link>
      </p>
      {standards.length === 0 ? <p className="kern-body">{t("transparency.none", { name: organization.name })}</p> : null}
      {standards.map((s) => {
        const headingId = `standard-${s.key}`;
        const unitValue = (n: number) => valueText(n, s.unit, lang, t);
        return (
          <section key={s.id} aria-labelledby={headingId} className="transparency-standard">
            <h2 className="kern-heading-medium" id={headingId}>
              {lang === "en" ? s.titleEn : s.title}
            </h2>
            <DescriptionList
              items={[
                [
                  t("transparency.target"),
                  t("transparency.targetValue", {
                    value: unitValue(s.target),
                    direction: s.direction === "higher_is_better" ? t("transparency.higherBetter") : t("transparency.lowerBetter"),
                  }),
                ],
                [t("transparency.tolerance"), toleranceInUnit(t, lang, s)],
                [t("transparency.measurement"), s.measurement],
                [t("transparency.anchor"), s.anchor],
              ]}
            />
            <DataTable
              id={`${headingId}-values`}
              labelledBy={headingId}
              stacked
              columns={[
                { label: t("transparency.columns.period") },
                { label: t("transparency.columns.value"), numeric: true },
                { label: t("transparency.columns.status") },
                { label: t("transparency.columns.method") },
                { label: t("transparency.columns.confidence") },
                { label: t("transparency.columns.reply") },
              ]}
            >
              {s.values.map((v) => (
                <tr key={v.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {v.periodLabel[lang]}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{unitValue(v.value)}</td>
                  <td className="kern-table__cell">
                    <span className={`status-text status-text--${v.status}`}>{t(`transparency.status.${v.status}`)}</span>
                    {v.target !== s.target || v.tolerance !== s.tolerance ? (
                      <span className="kern-body--small"> ({t("transparency.otherTarget", { target: unitValue(v.target) })})</span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">
                    {v.method || "–"}
                    {v.correctionReason ? (
                      <span className="kern-body--small">
                        {" "}
                        ({t("transparency.corrected", { version: v.valueVersion, reason: v.correctionReason })})
                      </span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">{t(`transparency.confidence.${v.confidence}`)}</td>
                  <td className="kern-table__cell reply__text">{v.reply ?? t("transparency.noReply")}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </Page>
  );
}
