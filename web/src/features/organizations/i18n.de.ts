/** German texts of the administrations of the region (map, table, one administration). */
export const de = {
  organizations: {
    title: "Verwaltungen der Region",
    intro: "Die Regionsverwaltung und die 21 Städte und Gemeinden der Region Hannover.",
    map: "Karte",
    mapDescription:
      "Karte der Region Hannover mit {{count}} Verwaltungen. Jede Fläche führt zur Seite der Kommune; das Quadrat steht für die Regionsverwaltung. Dieselben Angaben stehen in der Tabelle.",
    table: "Tabelle",
    caption: "Verwaltungen der Region Hannover ({{count}}); Einwohner am 31.12.2018",
    name: "Name",
    ags: "Gemeindeschlüssel",
    agsShort: "AGS",
    kind: "Art",
    population: "Einwohner",
    area: "Fläche in km²",
    buildingAuthority: "Untere Bauaufsicht",
    own: "eigene",
    legendOwn: "eigene untere Bauaufsichtsbehörde",
    legendRegion: "Bauaufsicht durch die Region Hannover",
    legendRegionAdministration: "Regionsverwaltung",
    kindRegion: "Region",
    kindMunicipality: "Kommune",
  },
  organization: {
    facts: "Eckdaten",
    departments: "Fachbereiche",
    departmentsHidden: "Die Fachbereiche sehen angemeldete Beschäftigte der Region.",
    authorityFor: "Untere Bauaufsichtsbehörde für",
    east: "O",
    referencePoint: "Bezugspunkt (für Entfernungen)",
    back: "Zurück zur Übersicht",
  },
};
