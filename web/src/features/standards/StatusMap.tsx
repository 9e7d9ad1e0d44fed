import { useMemo } from "react";
import { geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { useTranslation } from "react-i18next";
import { forD3, type BoundaryFeature, type Geometry } from "../organizations/RegionMap";
import type { Evaluation } from "./api";

const WIDTH = 640;
const HEIGHT = 560;
export const STATUSES = ["met", "within_tolerance", "missed", "no_data"] as const;
type Status = (typeof STATUSES)[number];

/** A fill per status that differs by pattern as well as by colour (readable in greyscale and for colour blindness). */
function Patterns() {
  return (
    <defs>
      <pattern id="status-met" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#2e7d32" />
      </pattern>
      <pattern id="status-within_tolerance" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#f6d365" />
        <line x1="0" y1="0" x2="0" y2="8" stroke="#6b4f00" strokeWidth="3" />
      </pattern>
      <pattern id="status-missed" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#e8a29c" />
        <path d="M0 0L8 8M8 0L0 8" stroke="#8c1d18" strokeWidth="1.6" />
      </pattern>
      <pattern id="status-no_data" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#f3f4f7" />
        <circle cx="4" cy="4" r="1.3" fill="#5c6070" />
      </pattern>
    </defs>
  );
}

/** A status as the tables say it: its swatch and its word ("erfüllt"). */
export function StatusText({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <>
      <StatusSwatch status={status} /> {t(`evaluation.status.${status}`)}
    </>
  );
}

/** A legend swatch drawn like the map's pattern (shapes, no second pattern with the same id). */
function StatusSwatch({ status }: { status: Status }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="status-swatch">
      {status === "met" ? <rect width="18" height="18" fill="#2e7d32" /> : null}
      {status === "within_tolerance" ? (
        <>
          <rect width="18" height="18" fill="#f6d365" />
          <path d="M-2 8L8 -2M-2 18L18 -2M8 20L20 8" stroke="#6b4f00" strokeWidth="3" />
        </>
      ) : null}
      {status === "missed" ? (
        <>
          <rect width="18" height="18" fill="#e8a29c" />
          <path d="M0 0L18 18M18 0L0 18M9 0L18 9M0 9L9 18M9 0L0 9M18 9L9 18" stroke="#8c1d18" strokeWidth="1.6" />
        </>
      ) : null}
      {status === "no_data" ? (
        <>
          <rect width="18" height="18" fill="#f3f4f7" />
          {[4, 13].flatMap((cx) => [4, 13].map((cy) => <circle key={`${cx}${cy}`} cx={cx} cy={cy} r="1.4" fill="#5c6070" />))}
        </>
      ) : null}
      <rect x="0.5" y="0.5" width="17" height="17" fill="none" stroke="#171a2b" />
    </svg>
  );
}

/**
 * The choropleth of a standard and period: each municipality filled with the pattern of its
 * status, the Region's administration (whose boundary is the whole region) named in the caption.
 * The legend names each status in words with its pattern and count; the table beside it lists them.
 */
export function StatusMap({ evaluation, features }: { evaluation: Evaluation; features: BoundaryFeature[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const drawn = useMemo(() => {
    const shapes = features.map((f) => ({ ...f, geometry: forD3(f.geometry as Geometry) }));
    const municipalities = shapes.filter((f) => f.properties.kind === "municipality");
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [WIDTH - 12, HEIGHT - 12],
      ],
      { type: "FeatureCollection", features: municipalities } as GeoPermissibleObjects,
    );
    const path = geoPath(projection);
    return municipalities.map((f) => ({ id: f.properties.id, name: f.properties.name, d: path(f as GeoPermissibleObjects) ?? "" }));
  }, [features]);
  const byId = new Map(evaluation.administrations.map((a) => [a.organizationId, a]));
  const regionFeature = features.find((f) => f.properties.kind === "region");
  const region = regionFeature ? byId.get(regionFeature.properties.id) : undefined;
  return (
    <figure className="region-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="status-map-caption">
        <Patterns />
        {drawn.map((area) => {
          const a = byId.get(area.id);
          const status: Status = a?.status ?? "no_data";
          return (
            <path key={area.id} d={area.d} fill={`url(#status-${status})`} className="status-map__area">
              <title>
                {area.name}: {a ? t(`evaluation.status.${status}`) : t("evaluation.map.notApplicable")}
              </title>
            </path>
          );
        })}
      </svg>
      <figcaption id="status-map-caption" className="kern-body">
        {t("evaluation.map.caption", { period: evaluation.periodLabels[evaluation.period]?.[lang] ?? evaluation.period })}
        {region ? ` ${t("evaluation.map.region", { name: region.name, status: t(`evaluation.status.${region.status}`) })}` : null}
        <span className="region-map__legend">
          {STATUSES.map((s) => (
            <span key={s}>
              <StatusText status={s} />
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
