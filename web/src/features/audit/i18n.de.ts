/** German texts of the audit log. */
export const de = {
  audit: {
    title: "Protokoll",
    intro:
      "Protokolliert werden jede Anmeldung – mit Passwort oder über den Anmeldedienst Ihrer Verwaltung –, jeder fehlgeschlagene Anmeldeversuch bei einem Konto Ihrer Verwaltung mit seinem Grund, jede Abmeldung, jede Änderung und jeder Blick anderer in die Daten von Poolmitgliedern. Niemand kann Einträge ändern oder löschen.",
    filters: "Einträge eingrenzen",
    person: "Person (Name oder Anmeldename)",
    objectType: "Objektart",
    allObjectTypes: "Alle Objektarten",
    from: "Von",
    to: "Bis",
    apply: "Anzeigen",
    reset: "Alle Einträge",
    download: "Als CSV herunterladen",
    downloadHint: "Die Datei enthält alle Einträge dieser Auswahl, für Excel. Der Download wird protokolliert.",
    caption: "Protokolleinträge, neueste zuerst",
    at: "Zeitpunkt",
    who: "Person",
    what: "Was geschah",
    object: "Objekt",
    more: "Ältere Einträge laden",
    none: "Keine Einträge passen zu dieser Auswahl.",
    noneYet: "Noch keine Einträge.",
  },
};
