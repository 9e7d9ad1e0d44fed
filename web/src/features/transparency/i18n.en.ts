import type { de } from "./i18n.de";

/** English texts of the transparency portal. */
export const en: typeof de = {
  transparency: {
    nav: "Transparency",
    title: "Transparency portal",
    intro:
      "How well do the region's administrations keep their common service standards? Here are all published values, per administration and standard, with the target, the method of measurement and the administration's comment. Values appear after their review, on their day of publication.",
    searchHeading: "Find an administration",
    searchLabel: "Name of your town or municipality",
    searchHint: "For example Wunstorf or Garbsen. The list shows only matching administrations.",
    found_one: "{{count}} administration found.",
    found_other: "{{count}} administrations found.",
    noneFound: "No administration has that name. Check the spelling or clear the search field.",
    listHeading: "Administrations of the region",
    values_one: "{{count}} published value",
    values_other: "{{count}} published values",
    noValues: "no published values yet",
    openDataHeading: "Open data",
    openDataText:
      "Every published value to download and reuse, under the Data licence Germany – attribution – version 2.0. The first line names the columns. The second file is meant for Excel set to German (semicolon, decimal comma); the first follows the international rules (comma, decimal point) for programs.",
    csv: "Values as CSV (comma, decimal point)",
    excel: "Values as CSV for Excel (semicolon, decimal comma)",
    json: "Values as JSON",
    catalog: "Metadata (DCAT-AP.de, JSON-LD)",
    licence: "Licence: dl-de/by-2-0",
    back: "All administrations",
    orgTitle: "{{name}}: published values",
    orgIntro:
      "The values {{name}} reported for the region's service standards that are published after review, newest period first. As of {{date}}.",
    none: "{{name}} has not published any values yet.",
    target: "Target",
    targetValue: "{{value}} ({{direction}})",
    higherBetter: "higher is better",
    lowerBetter: "lower is better",
    tolerance: "Tolerance",
    measurement: "How it is measured",
    anchor: "Basis",
    columns: {
      period: "Period",
      value: "Value",
      status: "Status",
      method: "The administration's method",
      confidence: "Confidence",
      reply: "The administration's comment",
    },
    status: { met: "met", within_tolerance: "within tolerance", missed: "missed" },
    confidence: { high: "high", medium: "medium", low: "low" },
    noReply: "–",
    corrected: "corrected (version {{version}}): {{reason}}",
    otherTarget: "measured against the target {{target}}",
  },
};
