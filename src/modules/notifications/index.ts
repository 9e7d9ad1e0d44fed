import { defineModule } from "../../kernel/module";
import { notificationRoutes, outboxPolicy } from "./notifications.routes";
import { deliverDueMail, smtpTransport, type MailTransport } from "./outbox";

const transports = new Map<string, MailTransport>();

/** Notifications: the e-mail outbox, delivered when an SMTP server is configured, read as the Postausgang. */
export const notificationsModule = defineModule({
  name: "notifications",
  routes: [notificationRoutes],
  abilities: { readOutbox: (actor) => outboxPolicy.can(actor, "read") },
  jobs: [
    {
      name: "outbox",
      every: (config) => (config.smtpUrl ? config.outboxIntervalMs : null),
      async run({ db, config }) {
        const url = config.smtpUrl!;
        if (!transports.has(url)) transports.set(url, smtpTransport(url));
        const { sent } = await deliverDueMail(db, { transport: transports.get(url)!, from: config.mailFrom });
        return sent;
      },
    },
  ],
});

// The capability's public interface: other capabilities import only what is listed here.
export { enqueueMail } from "./outbox";
