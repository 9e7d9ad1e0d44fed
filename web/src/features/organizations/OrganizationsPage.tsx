import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { allPages, useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { Boundaries, Organizations } from "./api";
import { RegionMap, type BoundaryFeature } from "./RegionMap";

/** The region's administrations as an SVG map and, beside it, as a table. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  // The map shows every administration: all pages (one for a region of 22).
  const organizations = useApi<Organizations>(
    () => allPages((cursor) => api.GET("/api/v1/organizations", { params: { query: { cursor, limit: 200 } } })),
    [],
  );
  const boundaries = useApi<Boundaries>(() => api.GET("/api/v1/organizations/boundaries"), []);
  const items = organizations.data?.items;
  const features = (boundaries.data?.features ?? []) as BoundaryFeature[];

  if (!items) return <QueryState query={organizations} title={t("organizations.title")} />;
  const mapItems = items.map((o) => ({ ...o, hasOwnBuildingAuthority: o.buildingAuthority?.id === o.id }));
  return (
    <Page title={t("organizations.title")} intro={t("organizations.intro")}>
      <div className="map-and-table">
        <section aria-labelledby="map-heading">
          <h2 className="kern-heading-medium" id="map-heading">
            {t("organizations.map")}
          </h2>
          {features.length ? <RegionMap organizations={mapItems} features={features} /> : <QueryState query={boundaries} inline />}
        </section>
        <section aria-labelledby="table-heading">
          <h2 className="kern-heading-medium" id="table-heading">
            {t("organizations.table")}
          </h2>
          <DataTable
            id="org-caption"
            caption={t("organizations.caption", { count: items.length })}
            columns={[
              { label: t("organizations.name") },
              { label: t("organizations.agsShort") },
              { label: t("organizations.population"), numeric: true },
              { label: t("organizations.area"), numeric: true },
              { label: t("organizations.buildingAuthority") },
            ]}
            compact
          >
            {items.map((o) => (
              <tr key={o.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link to="/verwaltungen/$id" params={{ id: o.id }} className="kern-link">
                    {o.name}
                  </Link>
                  <br />
                  <span className="kern-body--muted">{o.kind === "region" ? t("organizations.kindRegion") : o.designation}</span>
                </th>
                <td className="kern-table__cell">{o.ags}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{f.number(o.population)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{f.number(o.areaKm2, 1)}</td>
                <td className="kern-table__cell">
                  {o.buildingAuthority?.id === o.id ? t("organizations.own") : (o.buildingAuthority?.name ?? t("organizations.none"))}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      </div>
    </Page>
  );
}
