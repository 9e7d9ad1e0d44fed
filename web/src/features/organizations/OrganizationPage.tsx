import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { DescriptionList } from "../../components/DescriptionList";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { OrganizationDetail } from "./api";

/** One administration: key facts, building authority, departments (for staff of the region). */
export function OrganizationPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const detail = useApi<OrganizationDetail>(() => api.GET("/api/v1/organizations/{id}", { params: { path: { id } } }), [id]);
  const org = detail.data;
  if (!org) return <QueryState query={detail} />;
  const facts: Array<[string, string]> = [
    [t("organizations.kind"), org.kind === "region" ? t("organizations.kindRegion") : org.designation],
    [t("organizations.ags"), org.ags],
    [t("organizations.population"), f.number(org.population)],
    [t("organizations.area"), f.number(org.areaKm2, 1)],
    [t("organization.referencePoint"), `${f.number(org.lat, 4)}° N, ${f.number(org.lon, 4)}° ${t("organization.east")}`],
    [
      t("organizations.buildingAuthority"),
      org.buildingAuthority?.id === org.id ? t("organizations.own") : (org.buildingAuthority?.name ?? t("organizations.none")),
    ],
  ];
  return (
    <Page title={org.name}>
      <h2 className="kern-heading-medium">{t("organization.facts")}</h2>
      <DescriptionList items={facts} />
      {org.buildingAuthorityFor.length ? (
        <>
          <h2 className="kern-heading-medium">{t("organization.authorityFor")}</h2>
          <ul className="kern-list kern-list--bullet">
            {org.buildingAuthorityFor.map((o) => (
              <li key={o.id}>
                <Link to="/verwaltungen/$id" params={{ id: o.id }} className="kern-link">
                  {o.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="kern-heading-medium">{t("organization.departments")}</h2>
      {org.departments ? (
        <ul className="kern-list kern-list--bullet">
          {org.departments.map((d) => (
            <li key={d.id}>{d.name}</li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">{t("organization.departmentsHidden")}</p>
      )}
      <p>
        <Link to="/verwaltungen" className="kern-link">
          {t("organization.back")}
        </Link>
      </p>
    </Page>
  );
}
