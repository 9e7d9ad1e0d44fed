import { useMemo } from "react";
import { geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import type { Boundaries } from "../organizations/api";
import { forD3, type BoundaryFeature, type Geometry } from "../organizations/RegionMap";

/** A movement of people from one administration to another. */
export interface Flow {
  from: { id: string; name: string; lat: number; lon: number };
  to: { id: string; name: string; lat: number; lon: number };
  count: number;
}

const WIDTH = 640;
const HEIGHT = 560;

/**
 * Who goes where: the region's boundaries with a line from each lending administration to each
 * borrowing one, as wide as the number of people. Decorative for screen readers — the table
 * beside it holds the same flows (WCAG 1.1.1).
 */
export function FlowMap({ flows, title }: { flows: Flow[]; title: string }) {
  const { t } = useTranslation();
  const boundaries = useApi<Boundaries>(() => api.GET("/api/v1/organizations/boundaries"), []);
  const features = boundaries.data?.features as BoundaryFeature[] | undefined;
  const drawn = useMemo(() => {
    const municipalities = (features ?? [])
      .filter((f) => f.properties.kind === "municipality")
      .map((f) => ({ ...f, geometry: forD3(f.geometry as Geometry) }));
    if (municipalities.length === 0) return null;
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [WIDTH - 12, HEIGHT - 12],
      ],
      { type: "FeatureCollection", features: municipalities } as GeoPermissibleObjects,
    );
    const path = geoPath(projection);
    return {
      areas: municipalities.map((f) => ({ id: f.id, d: path(f as GeoPermissibleObjects) ?? "" })),
      project: (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0],
    };
  }, [features]);
  if (!drawn) return null;
  const max = Math.max(1, ...flows.map((f) => f.count));
  const places = new Map<string, { name: string; x: number; y: number }>();
  for (const f of flows)
    for (const p of [f.from, f.to]) {
      const [x, y] = drawn.project(p.lon, p.lat);
      places.set(p.id, { name: p.name, x, y });
    }
  return (
    <figure className="region-map flow-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="flow-map-title">
        <title id="flow-map-title">{title}</title>
        <defs>
          <marker
            id="flow-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="12"
            markerHeight="12"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="flow-map__arrow" />
          </marker>
        </defs>
        {drawn.areas.map((a) => (
          <path key={a.id} d={a.d} className="region-map__area region-map__area--region" />
        ))}
        {flows.map((f) => {
          const a = places.get(f.from.id)!;
          const b = places.get(f.to.id)!;
          const width = 1.5 + (6 * f.count) / max;
          // Within one place (the Region's administration sits in Hannover): a ring instead of a line.
          if (Math.hypot(b.x - a.x, b.y - a.y) < 6)
            return (
              <circle key={`${f.from.id}-${f.to.id}`} cx={a.x} cy={a.y} r={9 + width} className="flow-map__line" strokeWidth={width} />
            );
          // A gentle curve, so that flows in both directions between two places do not overlap.
          const mx = (a.x + b.x) / 2 - (b.y - a.y) * 0.15;
          const my = (a.y + b.y) / 2 + (b.x - a.x) * 0.15;
          return (
            <path
              key={`${f.from.id}-${f.to.id}`}
              d={`M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}`}
              className="flow-map__line"
              strokeWidth={width}
              markerEnd="url(#flow-arrow)"
            />
          );
        })}
        {[...places.values()].map((p) => (
          <g key={p.name}>
            <circle cx={p.x} cy={p.y} r={5} className="flow-map__place" />
            <text x={p.x + 8} y={p.y - 6} className="flow-map__label">
              {p.name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="kern-body">{t("allocation.mapCaption")}</figcaption>
    </figure>
  );
}
