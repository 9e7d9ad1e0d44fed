import { useMemo } from "react";
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

/** An administration on the map. */
export interface MapOrganization {
  id: string;
  name: string;
  kind: "region" | "municipality";
  lat: number;
  lon: number;
  hasOwnBuildingAuthority: boolean;
}

/** One boundary feature from `/api/v1/organizations/boundaries`. */
export interface BoundaryFeature {
  type: "Feature";
  id: string;
  properties: { id: string; ags: string; name: string; kind: "region" | "municipality" };
  geometry: unknown;
}

const WIDTH = 640;
const HEIGHT = 560;

type Ring = number[][];
export type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo works on the sphere and reads
 * that as "everything but this area". Reverse rings whose spherical area exceeds a hemisphere.
 */
export function forD3(geometry: Geometry): Geometry {
  const fix = (rings: Ring[]) => {
    const polygon = { type: "Polygon", coordinates: rings } as GeoPermissibleObjects;
    return geoArea(polygon) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  };
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: fix(geometry.coordinates) }
    : { type: "MultiPolygon", coordinates: geometry.coordinates.map(fix) };
}

/**
 * SVG map of the region drawn from the GeoJSON boundaries (no tile server). Each municipality is
 * a link; the regional administration is a square marker at its reference point. The same data
 * stands in the table beside it.
 */
export function RegionMap({ organizations, features }: { organizations: MapOrganization[]; features: BoundaryFeature[] }) {
  const { t } = useTranslation();
  const drawn = useMemo(() => {
    const shapes = features.map((f) => ({ ...f, geometry: forD3(f.geometry as Geometry) }));
    const municipalities = shapes.filter((f) => f.properties.kind === "municipality");
    const collection = { type: "FeatureCollection", features: municipalities } as GeoPermissibleObjects;
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [WIDTH - 12, HEIGHT - 12],
      ],
      collection,
    );
    const path = geoPath(projection);
    return {
      areas: municipalities.map((f) => ({
        id: f.properties.id,
        d: path(f as GeoPermissibleObjects) ?? "",
        centroid: path.centroid(f as GeoPermissibleObjects),
      })),
      project: (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0],
    };
  }, [features]);

  const byId = new Map(organizations.map((o) => [o.id, o]));
  const region = organizations.find((o) => o.kind === "region");
  const regionPoint = region ? drawn.project(region.lon, region.lat) : null;

  return (
    <figure className="region-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby="map-caption">
        {drawn.areas.map((area) => {
          const org = byId.get(area.id);
          if (!org) return null;
          return (
            <Link key={area.id} to="/verwaltungen/$id" params={{ id: area.id }} aria-label={org.name} className="region-map__link">
              <title>{org.name}</title>
              <path
                d={area.d}
                className={
                  org.hasOwnBuildingAuthority ? "region-map__area region-map__area--own" : "region-map__area region-map__area--region"
                }
              />
            </Link>
          );
        })}
        {region && regionPoint ? (
          <Link
            to="/verwaltungen/$id"
            params={{ id: region.id }}
            aria-label={`${region.name} (${t("organizations.legendRegionAdministration")})`}
            className="region-map__link"
          >
            <title>{region.name}</title>
            <rect x={regionPoint[0] - 11} y={regionPoint[1] - 11} width={22} height={22} className="region-map__marker" />
          </Link>
        ) : null}
      </svg>
      <figcaption id="map-caption" className="kern-body">
        {t("organizations.mapDescription", { count: organizations.length })}
        <span className="region-map__legend">
          <span>
            <span className="swatch swatch--own" aria-hidden="true" /> {t("organizations.legendOwn")}
          </span>
          <span>
            <span className="swatch swatch--region" aria-hidden="true" /> {t("organizations.legendRegion")}
          </span>
          <span>
            <span className="swatch swatch--marker" aria-hidden="true" /> {t("organizations.legendRegionAdministration")}
          </span>
        </span>
      </figcaption>
    </figure>
  );
}
