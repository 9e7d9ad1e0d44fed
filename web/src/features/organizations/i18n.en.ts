import type { de } from "./i18n.de";

/** English texts of the administrations of the region (map, table, one administration). */
export const en: typeof de = {
  organizations: {
    title: "Administrations of the region",
    intro: "The regional administration and the 21 towns and municipalities of the Region Hannover.",
    map: "Map",
    mapDescription:
      "Map of the Region Hannover with {{count}} administrations. Each area leads to the municipality's page; the square stands for the regional administration. The table holds the same information.",
    table: "Table",
    caption: "Administrations of the Region Hannover ({{count}}); population on 31 Dec 2018",
    name: "Name",
    ags: "Municipality key",
    agsShort: "AGS",
    kind: "Kind",
    population: "Population",
    area: "Area in km²",
    buildingAuthority: "Building authority",
    own: "own",
    none: "none",
    legendOwn: "own lower building authority",
    legendRegion: "building authority: Region Hannover",
    legendRegionAdministration: "Regional administration",
    kindRegion: "Region",
    kindMunicipality: "Municipality",
  },
  organization: {
    facts: "Key facts",
    departments: "Departments",
    departmentsHidden: "Signed-in staff of the region see the departments.",
    authorityFor: "Lower building authority for",
    east: "E",
    referencePoint: "Reference point (for distances)",
    back: "Back to the overview",
  },
};
