/** German texts of the management dashboard (Chefsache). */
export const de = {
  dashboard: {
    startTitle: "Chefsache",
    startText:
      "Wie Ihre Verwaltung die gemeinsamen Leistungsstandards der Region einhält – nach Themen, mit Entwicklung und dem, was Unterstützung braucht – und wer von und zu anderen Verwaltungen abgeordnet ist.",
    startLink: "Chefsache {{organization}} öffnen",
    nav: "Chefsache",
    title: "Chefsache: {{organization}}",
    intro:
      "Die Lage Ihrer Verwaltung auf einen Blick: die gemeinsamen Leistungsstandards der Region nach Themen – mit dem zuletzt gemeldeten Wert, ob er das Ziel erfüllt und wie er sich seit dem Zeitraum davor entwickelt hat – und die Abordnungen von und zu anderen Verwaltungen. Stand: {{date}}.",
    print: "Drucken oder als PDF speichern",
    attention: {
      title: "Was Ihre Aufmerksamkeit braucht",
      none: "Kein Standard ist zweimal nacheinander verfehlt, und alle Werte der abgeschlossenen Zeiträume sind gemeldet.",
      needsSupport:
        "„{{standard}}“ ist in zwei Zeiträumen nacheinander verfehlt. Andere Verwaltungen der Region können mit Personal aushelfen.",
      evaluation: "Auswertung und Unterstützung ansehen",
      due_one: "Für {{count}} Standard fehlt noch die Meldung des letzten abgeschlossenen Zeitraums; das Controlling meldet sie.",
      due_other: "Für {{count}} Standards fehlt noch die Meldung des letzten abgeschlossenen Zeitraums; das Controlling meldet sie.",
    },
    summary: {
      title: "Leistungsstandards nach Themen",
      intro:
        "Gezählt ist je Standard der zuletzt gemeldete Wert (eingereicht, geprüft oder veröffentlicht; keine Entwürfe), gemessen an der Fassung des Standards, die in seinem Zeitraum galt.",
      theme: "Thema",
      standards: "Standards",
    },
    table: {
      standard: "Standard",
      period: "Zeitraum",
      value: "Wert",
      status: "Status",
      trend: "Entwicklung",
      target: "Ziel",
      targetValue: "{{target}} {{tolerance}}",
      noValue: "noch kein Wert",
      due: "Meldung für {{period}} fehlt",
      needsSupport: "zweimal nacheinander verfehlt",
      state: {
        submitted: "eingereicht, noch nicht geprüft",
        validated: "geprüft",
        published: "veröffentlicht",
        draft: "Entwurf",
      },
    },
  },
};
