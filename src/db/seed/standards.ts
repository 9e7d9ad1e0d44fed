import type { Tx } from "../client";
import { serviceStandards, serviceStandardVersions } from "../schema";
import type { VersionInput } from "../../modules/standards/edit-standards";

/** A standard of the starter set: its key and its first version. */
export interface StarterStandard extends VersionInput {
  key: string;
}

/** The first day of the starter set's versions: in force for the whole reporting year 2026. */
const FROM = "2026-01-01";

/**
 * The starter set of service standards for the Region Hannover (docs/STANDARDS.md), a proposal the
 * region's coordination adapts: every version made by the coordination is no longer a proposal.
 * LeiKa keys and OZG ids are from the bundled catalogue (data/reference/ozg).
 */
export const STARTER_STANDARDS: readonly StarterStandard[] = [
  {
    key: "telefon-erreichbarkeit",
    title: "Telefonische Erreichbarkeit (115-Serviceversprechen)",
    titleEn: "Telephone reachability (115 service promise)",
    theme: "buergerservice",
    indicatorDefinition:
      "Anteil der Anrufe unter der Servicerufnummer der Verwaltung (115 oder Zentrale), die innerhalb von 30 Sekunden von einer Person angenommen werden, an allen eingegangenen Anrufen.",
    measurement:
      "Auswertung der Telefonanlage je Monat: innerhalb von 30 Sekunden angenommene Anrufe (Zähler) und alle eingegangenen Anrufe einschließlich der vor der Annahme aufgelegten (Nenner).",
    unit: "percent",
    aggregation: "ratio",
    direction: "higher_is_better",
    periodicity: "month",
    target: 75,
    tolerance: 5,
    validFrom: FROM,
    anchor: "Serviceversprechen des 115-Verbunds: 75 % der Anrufe werden innerhalb von 30 Sekunden angenommen.",
    appliesTo: "all",
  },
  {
    key: "buergeramt-termin",
    title: "Termin im Bürgeramt innerhalb von 14 Tagen",
    titleEn: "Appointment at the citizens' office within 14 days",
    theme: "buergerservice",
    leikaKey: "99008001012000",
    ozgId: "10119",
    indicatorDefinition:
      "Kalendertage zwischen der Terminanfrage und dem frühesten freien Termin im Bürgeramt für die Beantragung eines Personalausweises (Leitleistung für die Termine des Bürgeramts), im Mittel des Zeitraums.",
    measurement:
      "Aus dem Terminvergabesystem: an jedem Montag um 8 Uhr die Tage bis zum frühesten freien Termin ablesen; gemeldet wird der Mittelwert der Stichtage des Monats.",
    unit: "days",
    aggregation: "mean",
    direction: "lower_is_better",
    periodicity: "month",
    target: 14,
    tolerance: 3,
    validFrom: FROM,
    anchor: "Regionale Strategie der Region Hannover, Handlungsfeld Bürgerservice (Vorschlag zur Beschlussfassung).",
    appliesTo: "municipalities",
  },
  {
    key: "bauantrag-vollstaendigkeit",
    title: "Vollständigkeitsprüfung des Bauantrags innerhalb von 3 Wochen",
    titleEn: "Completeness check of a building application within 3 weeks",
    theme: "bauen",
    leikaKey: "99012008000000",
    ozgId: "10519",
    indicatorDefinition:
      "Anteil der Bauanträge, deren Vollständigkeit innerhalb von drei Wochen nach Eingang geprüft und der antragstellenden Person mitgeteilt wurde, an allen im Zeitraum eingegangenen Bauanträgen.",
    measurement:
      "Aus dem Fachverfahren der Bauaufsicht: Eingangsdatum und Datum der Mitteilung über die Vollständigkeit (oder der Nachforderung) je Antrag; Zähler und Nenner je Quartal.",
    unit: "percent",
    aggregation: "ratio",
    direction: "higher_is_better",
    periodicity: "quarter",
    target: 95,
    tolerance: 5,
    validFrom: FROM,
    anchor: "§ 69 Niedersächsische Bauordnung (NBauO): Prüfung des Bauantrags auf Vollständigkeit innerhalb von drei Wochen.",
    appliesTo: "building_authorities",
  },
  {
    key: "ozg-online-verfuegbarkeit",
    title: "Online-Verfügbarkeit der zehn meistgefragten Leistungen",
    titleEn: "Online availability of the ten most requested services",
    theme: "digitalisierung",
    indicatorDefinition:
      "Anteil der zehn im Vorjahr am häufigsten nachgefragten Leistungen der Verwaltung, die vollständig online beantragt werden können (Reifegrad 3 oder höher nach dem OZG-Reifegradmodell).",
    measurement:
      "Am Ende des Quartals: für jede der zehn Leistungen den Reifegrad des Online-Angebots nach dem Reifegradmodell feststellen; Zähler sind die Leistungen ab Reifegrad 3, Nenner 10.",
    unit: "percent",
    aggregation: "last",
    direction: "higher_is_better",
    periodicity: "quarter",
    target: 100,
    tolerance: 20,
    validFrom: FROM,
    anchor: "Onlinezugangsgesetz (OZG) in der Fassung des OZG-Änderungsgesetzes 2024; Reifegrad nach dem OZG-Reifegradmodell.",
    referenceModel: "OZG-Reifegradmodell 2.0 (07/2025)",
    appliesTo: "all",
  },
  {
    key: "klimacheck-vorlagen",
    title: "Beschlussvorlagen mit Klimacheck",
    titleEn: "Council papers with a climate check",
    theme: "klimaschutz",
    indicatorDefinition:
      "Anteil der Beschlussvorlagen für Rat, Verwaltungsausschuss und Fachausschüsse, die eine Prüfung ihrer Auswirkungen auf den Klimaschutz (Klimacheck) enthalten, an allen Beschlussvorlagen des Zeitraums.",
    measurement:
      "Aus dem Ratsinformationssystem: Beschlussvorlagen des Quartals mit ausgefülltem Abschnitt „Klimacheck“ (Zähler) und alle Beschlussvorlagen (Nenner).",
    unit: "percent",
    aggregation: "ratio",
    direction: "higher_is_better",
    periodicity: "quarter",
    target: 100,
    tolerance: 10,
    validFrom: FROM,
    anchor:
      "Regionale Strategie der Region Hannover, Handlungsfeld Klimaschutz; Niedersächsisches Klimagesetz (NKlimaG) (Vorschlag zur Beschlussfassung).",
    appliesTo: "all",
  },
  {
    key: "anregungen-antwort",
    title: "Antwort auf Anregungen und Beschwerden innerhalb von 30 Tagen",
    titleEn: "Answer to citizens' proposals and complaints within 30 days",
    theme: "beteiligung",
    indicatorDefinition:
      "Anteil der Anregungen und Beschwerden von Einwohnerinnen und Einwohnern, die innerhalb von 30 Kalendertagen nach Eingang eine Antwort erhalten (Entscheidung oder Zwischenbescheid mit Sachstand), an allen im Zeitraum eingegangenen.",
    measurement:
      "Aus dem Posteingang oder dem Ideen- und Beschwerdemanagement: Eingangs- und Antwortdatum je Anregung; Zähler und Nenner je Quartal.",
    unit: "percent",
    aggregation: "ratio",
    direction: "higher_is_better",
    periodicity: "quarter",
    target: 90,
    tolerance: 5,
    validFrom: FROM,
    anchor:
      "§ 34 Niedersächsisches Kommunalverfassungsgesetz (NKomVG, Anregungen und Beschwerden); Frist als Vorschlag der Region Hannover.",
    appliesTo: "all",
  },
  {
    key: "stellenbesetzung-bauordnung",
    title: "Besetzungsdauer offener Stellen in der Bauordnung",
    titleEn: "Days to fill a vacancy in building control",
    theme: "personal",
    indicatorDefinition:
      "Kalendertage von der Veröffentlichung der Ausschreibung bis zur Annahme der Stellenzusage, im Mittel über die im Zeitraum besetzten Stellen im Bereich Bauordnung.",
    measurement:
      "Aus dem Bewerbungsverfahren: je im Quartal besetzter Stelle die Tage zwischen Ausschreibung und Zusage; gemeldet werden nur der Mittelwert und die Zahl der Stellen, keine Angaben zu Personen.",
    unit: "days",
    aggregation: "mean",
    direction: "lower_is_better",
    periodicity: "quarter",
    target: 90,
    tolerance: 30,
    validFrom: FROM,
    anchor: "Regionale Strategie der Region Hannover, Handlungsfeld Personal (Vorschlag zur Beschlussfassung).",
    appliesTo: "building_authorities",
  },
  {
    key: "stellenbesetzung-it",
    title: "Besetzungsdauer offener Stellen in der IT",
    titleEn: "Days to fill a vacancy in IT",
    theme: "personal",
    indicatorDefinition:
      "Kalendertage von der Veröffentlichung der Ausschreibung bis zur Annahme der Stellenzusage, im Mittel über die im Zeitraum besetzten Stellen der Informationstechnik.",
    measurement:
      "Aus dem Bewerbungsverfahren: je im Quartal besetzter Stelle die Tage zwischen Ausschreibung und Zusage; gemeldet werden nur der Mittelwert und die Zahl der Stellen, keine Angaben zu Personen.",
    unit: "days",
    aggregation: "mean",
    direction: "lower_is_better",
    periodicity: "quarter",
    target: 90,
    tolerance: 30,
    validFrom: FROM,
    anchor: "Regionale Strategie der Region Hannover, Handlungsfeld Personal (Vorschlag zur Beschlussfassung).",
    appliesTo: "all",
  },
];

/**
 * Seeds the starter set into a region: each standard with its first version, marked as a proposal.
 * Idempotent without reading the catalogue: an existing standard keeps its id (upsert on its key)
 * and an existing first version stays as it is (versions are never changed).
 */
export async function seedStarterStandards(tx: Tx, regionId: string): Promise<void> {
  for (const { key, ...v } of STARTER_STANDARDS) {
    const [standard] = await tx
      .insert(serviceStandards)
      .values({ regionId, key })
      .onConflictDoUpdate({ target: [serviceStandards.regionId, serviceStandards.key], set: { key } })
      .returning({ id: serviceStandards.id });
    await tx
      .insert(serviceStandardVersions)
      .values({
        regionId,
        standardId: standard.id,
        version: 1,
        title: v.title,
        titleEn: v.titleEn,
        theme: v.theme,
        leikaKey: v.leikaKey ?? null,
        ozgId: v.ozgId ?? null,
        indicatorDefinition: v.indicatorDefinition,
        measurement: v.measurement,
        unit: v.unit,
        aggregation: v.aggregation,
        direction: v.direction,
        periodicity: v.periodicity,
        target: v.target,
        tolerance: v.tolerance,
        validFrom: v.validFrom,
        validTo: v.validTo ?? null,
        anchor: v.anchor,
        referenceModel: v.referenceModel ?? null,
        appliesTo: v.appliesTo,
        isProposal: true,
      })
      .onConflictDoNothing({ target: [serviceStandardVersions.standardId, serviceStandardVersions.version] });
  }
}
