import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail as the fixture received it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server on a loopback port that keeps what it receives — in memory, and (for the
 * browser suite, whose tests run in another process) as JSON lines in `file`.
 */
export async function startSmtp(options: { port?: number; file?: string } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const entry = {
          to: (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text ?? "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          messageId: mail.messageId ?? "",
        };
        received.push(entry);
        if (options.file) fs.appendFileSync(options.file, JSON.stringify(entry) + "\n");
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The mails a fixture wrote to `file`. */
export function readMails(file: string): ReceivedMail[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReceivedMail);
}
