/** German texts of the outbox (Postausgang). */
export const de = {
  outbox: {
    nav: "Postausgang",
    title: "Postausgang",
    intro: "E-Mails, die Verbund verschickt oder verschicken wird.",
    noSmtp: "Es ist kein SMTP-Server eingerichtet (SMTP_URL). Die Nachrichten bleiben hier und werden nicht zugestellt.",
    caption: "Nachrichten, neueste zuerst",
    to: "An",
    subject: "Betreff",
    status: "Status",
    createdAt: "Erstellt",
    statuses: { pending: "wartet", sent: "versandt", failed: "fehlgeschlagen" },
    none: "Keine Nachrichten.",
  },
};
