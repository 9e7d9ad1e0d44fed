import type { Db } from "../client";
import { qualifications, type QualificationCategory } from "../../modules/pool/pool.tables";

/** The qualification catalogue a region starts with; the coordination office extends it. */
export const QUALIFICATION_CATALOGUE: ReadonlyArray<readonly [key: string, name: string, category: QualificationCategory]> = [
  ["verwaltungsfachangestellte", "Verwaltungsfachangestellte/r (Ausbildung)", "Verwaltung"],
  ["verwaltungsfachwirt", "Verwaltungsfachwirt/in (Angestelltenlehrgang II)", "Verwaltung"],
  ["buergerservice", "Bürgerservice und Melderecht", "Verwaltung"],
  ["posteingang", "Posteingang und Aktenführung (E-Akte)", "Verwaltung"],
  ["telefonhotline", "Telefonhotline und Bürgertelefon", "Verwaltung"],
  ["kontaktnachverfolgung", "Kontaktnachverfolgung", "Gesundheit"],
  ["sormas", "SORMAS", "Gesundheit"],
  ["infektionsschutz", "Infektionsschutzgesetz (IfSG) – Anordnungen", "Gesundheit"],
  ["impfzentrum", "Organisation Impfzentrum", "Gesundheit"],
  ["medizinische_fachangestellte", "Medizinische/r Fachangestellte/r", "Gesundheit"],
  ["bauantragspruefung", "Bauantragsprüfung", "Bauordnung"],
  ["baurecht_nbauo", "Bauordnungsrecht (NBauO)", "Bauordnung"],
  ["bauzeichnung", "Bautechnik und Bauzeichnungen lesen", "Bauordnung"],
  ["brandschutz", "Vorbeugender Brandschutz", "Bauordnung"],
  ["netzwerkadministration", "Netzwerkadministration", "IT"],
  ["client_support", "IT-Support (Clients, Fachverfahren)", "IT"],
  ["informationssicherheit", "Informationssicherheit (BSI-Grundschutz)", "IT"],
  ["ozg_onlinedienste", "OZG-Onlinedienste betreuen", "IT"],
  ["asylbewerberleistungen", "Asylbewerberleistungsgesetz", "Soziales"],
  ["wohngeld", "Wohngeld", "Soziales"],
  ["unterbringung", "Unterbringung Geflüchteter", "Soziales"],
  ["ordnungsrecht", "Allgemeines Ordnungsrecht (NPOG)", "Ordnung"],
  ["katastrophenschutz", "Katastrophenschutz und Stabsarbeit", "Ordnung"],
  ["aussendienst", "Außendienst Ordnungsamt", "Ordnung"],
  ["dolmetschen_arabisch", "Dolmetschen Arabisch", "Sprachen"],
  ["dolmetschen_ukrainisch", "Dolmetschen Ukrainisch", "Sprachen"],
  ["dolmetschen_tuerkisch", "Dolmetschen Türkisch", "Sprachen"],
  ["dolmetschen_farsi", "Dolmetschen Farsi/Dari", "Sprachen"],
  ["englisch_verhandlungssicher", "Englisch verhandlungssicher", "Sprachen"],
];

/** Loads the catalogue into a region (idempotent: existing keys keep their rows). */
export async function seedQualifications(db: Db, regionId: string): Promise<number> {
  await db
    .insert(qualifications)
    .values(QUALIFICATION_CATALOGUE.map(([key, name, category]) => ({ regionId, key, name, category })))
    .onConflictDoNothing();
  return QUALIFICATION_CATALOGUE.length;
}
