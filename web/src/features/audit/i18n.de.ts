/** German texts of the audit log. */
export const de = {
  audit: {
    title: "Protokoll",
    intro: "Jede Anmeldung und jede Änderung wird unveränderlich protokolliert.",
    caption: "Protokolleinträge, neueste zuerst",
    at: "Zeitpunkt",
    who: "Wer",
    action: "Aktion",
    object: "Objekt",
    change: "Änderung",
    more: "Ältere Einträge laden",
    none: "Keine Einträge.",
    actions: {
      login: "Anmeldung",
      login_failed: "Fehlgeschlagene Anmeldung",
      logout: "Abmeldung",
      create: "Angelegt",
      update: "Geändert",
      delete: "Gelöscht",
      read: "Gelesen",
    },
    entities: { account: "Konto" },
    unknownLogin: "unbekannter Anmeldename",
  },
};
