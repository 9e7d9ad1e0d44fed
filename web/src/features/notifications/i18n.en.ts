import type { de } from "./i18n.de";

/** English texts of the outbox (Postausgang). */
export const en: typeof de = {
  outbox: {
    nav: "Outbox",
    title: "Outbox",
    intro: "E-mails that Verbund sends or will send.",
    noSmtp: "No SMTP server is configured (SMTP_URL). Messages stay here and are not delivered.",
    caption: "Messages, newest first",
    to: "To",
    subject: "Subject",
    status: "Status",
    createdAt: "Created",
    statuses: { pending: "waiting", sent: "sent", failed: "failed" },
    none: "No messages.",
  },
};
