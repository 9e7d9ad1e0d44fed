/** The version of the consent text a pool member agrees to. A new text needs a new version. */
export const CONSENT_VERSION = "2026-11-01";

/** The consent text (German, binding; English for information). */
export const CONSENT_TEXT = {
  de:
    "Ich möchte in den Unterstützungspool der Region aufgenommen werden. Ich willige ein, dass meine Verwaltung meinen Namen, meine " +
    "dienstlichen Kontaktdaten, Fachbereich, Tätigkeit, Entgelt- bzw. Besoldungsgruppe, Qualifikationen, Sprachen und Verfügbarkeit " +
    "speichert, damit andere Verwaltungen der Region mich für eine Abordnung anfragen können. Andere Verwaltungen sehen meinen Namen " +
    "erst, wenn ich einer Abordnung zugestimmt habe. Ich kann die Einwilligung jederzeit ohne Nachteile widerrufen, indem ich den Pool " +
    "verlasse; dann werde ich sofort nicht mehr vorgeschlagen.",
  en:
    "I want to join the region's support pool. I consent to my administration storing my name, work contact details, department, job, " +
    "pay group, qualifications, languages and availability so that other administrations of the region can ask for me to be seconded. " +
    "Other administrations see my name only once I have agreed to a secondment. I can withdraw this consent at any time without " +
    "disadvantage by leaving the pool; I am then no longer proposed at once.",
};
