import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { TextField } from "../../components/forms";
import type { TransparencyOverview } from "./api";

/** Folds a name for searching: lower case, umlauts and ß spelt out, accents off. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .trim();
}

/**
 * The transparency portal's start (public): a search field that narrows the list of the region's
 * administrations as one types (the number found is announced), each linked to its published
 * values, and the open data with its licence.
 */
export function TransparencyPage() {
  const { t } = useTranslation();
  const overview = useApi<TransparencyOverview>(() => api.GET("/api/v1/transparency"), []);
  const [query, setQuery] = useState("");
  if (!overview.data) return <QueryState query={overview} title={t("transparency.title")} />;
  const wanted = fold(query);
  // Umlauts typed as "ue" or "u" both find "Lünen"-like names: compare the folded forms, also without the spelt-out e.
  const matches = overview.data.organizations.filter((o) => {
    if (!wanted) return true;
    const name = fold(o.name);
    return name.includes(wanted) || name.replace(/([aou])e/g, "$1").includes(wanted.replace(/([aou])e/g, "$1"));
  });
  return (
    <Page title={t("transparency.title")} intro={t("transparency.intro")}>
      <section aria-labelledby="transparency-search" role="search">
        <h2 className="kern-heading-medium" id="transparency-search">
          {t("transparency.searchHeading")}
        </h2>
        <div className="form-narrow">
          <TextField
            name="town"
            type="search"
            label={t("transparency.searchLabel")}
            hint={t("transparency.searchHint")}
            value={query}
            onChange={setQuery}
          />
        </div>
        <p className="kern-body" role="status">
          {query ? (matches.length ? t("transparency.found", { count: matches.length }) : t("transparency.noneFound")) : ""}
        </p>
      </section>
      <section aria-labelledby="transparency-list">
        <h2 className="kern-heading-medium" id="transparency-list">
          {t("transparency.listHeading")}
        </h2>
        <ul className="kern-list transparency-list">
          {matches.map((o) => (
            <li key={o.id}>
              <Link className="kern-link" to="/transparenz/$id" params={{ id: o.id }}>
                {o.name}
              </Link>{" "}
              <span className="kern-body--muted">
                – {o.publishedValues ? t("transparency.values", { count: o.publishedValues }) : t("transparency.noValues")}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="transparency-open-data">
        <h2 className="kern-heading-medium" id="transparency-open-data">
          {t("transparency.openDataHeading")}
        </h2>
        <p className="kern-body">{t("transparency.openDataText")}</p>
        <ul className="kern-list kern-list--bullet">
          <li>
            <a className="kern-link" href="/opendata/values.csv" download>
              {t("transparency.csv")}
            </a>
          </li>
          <li>
            <a className="kern-link" href="/opendata/values-excel.csv" download>
              {t("transparency.excel")}
            </a>
          </li>
          <li>
            <a className="kern-link" href="/opendata/values.json">
              {t("transparency.json")}
            </a>
          </li>
          <li>
            <a className="kern-link" href="/opendata/catalog.jsonld">
              {t("transparency.catalog")}
            </a>
          </li>
          <li>
            <a className="kern-link" href="https://www.govdata.de/dl-de/by-2-0">
              {t("transparency.licence")}
            </a>
          </li>
        </ul>
      </section>
    </Page>
  );
}
