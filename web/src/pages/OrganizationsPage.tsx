import { useEffect, useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { paths } from "../api/schema";
import { Page } from "../components/Page";
import { RegionMap, type BoundaryFeature } from "../components/RegionMap";
import { formatters } from "../i18n";

type Organization = paths["/api/v1/organizations"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The region's administrations as an SVG map and, beside it, as a table. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [items, setItems] = useState<Organization[] | null>(null);
  const [features, setFeatures] = useState<BoundaryFeature[]>([]);
  useEffect(() => {
    void api.GET("/api/v1/organizations").then((r) => setItems(r.data?.items ?? []));
    void api.GET("/api/v1/organizations/boundaries").then((r) => setFeatures((r.data?.features ?? []) as BoundaryFeature[]));
  }, []);

  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
  const mapItems = items.map((o) => ({ ...o, hasOwnBuildingAuthority: o.buildingAuthority?.id === o.id }));
  return (
    <Page title={t("organizations.title")} intro={t("organizations.intro")}>
      <div className="map-and-table">
        <section aria-labelledby="map-heading">
          <h2 className="kern-heading-medium" id="map-heading">{t("organizations.map")}</h2>
          {features.length ? <RegionMap organizations={mapItems} features={features} /> : <p className="kern-body">{t("errors.loading")}</p>}
        </section>
        <section aria-labelledby="table-heading">
          <h2 className="kern-heading-medium" id="table-heading">{t("organizations.table")}</h2>
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="org-caption">
            <table className="kern-table kern-table--striped compact-table">
              <caption className="kern-title" id="org-caption">{t("organizations.caption", { count: items.length })}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("organizations.name")}</th>
                  <th scope="col" className="kern-table__header">{t("organizations.agsShort")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("organizations.population")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("organizations.area")}</th>
                  <th scope="col" className="kern-table__header">{t("organizations.buildingAuthority")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {items.map((o) => (
                  <tr key={o.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link to="/verwaltungen/$id" params={{ id: o.id }} className="kern-link">{o.name}</Link>
                      <br />
                      <span className="kern-body--muted">{o.kind === "region" ? t("organizations.kindRegion") : o.designation}</span>
                    </th>
                    <td className="kern-table__cell">{o.ags}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{f.number(o.population)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{f.number(o.areaKm2, 1)}</td>
                    <td className="kern-table__cell">{o.buildingAuthority?.id === o.id ? t("organizations.own") : (o.buildingAuthority?.name ?? "–")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </Page>
  );
}
