// Outgoing e-mail through SMTP (nodemailer). The SMTP URL may carry a password: it is handed to
// nodemailer and never logged, and errors are scrubbed of it before anyone stores or prints them.
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Removes the SMTP URL and its credentials from a message (errors may echo the connection). */
export function scrubSecrets(message: string, smtpUrl: string | null): string {
  let out = message;
  if (smtpUrl) {
    out = out.split(smtpUrl).join("[smtp url]");
    try {
      const u = new URL(smtpUrl);
      for (const part of [u.password, decodeURIComponent(u.password)]) if (part) out = out.split(part).join("[redacted]");
    } catch {
      // Config validated the URL; nothing else to remove.
    }
  }
  return out.slice(0, 500);
}

export function createSmtpMailer(smtp: { url: string; from: string }): Mailer {
  // Bounded timeouts: a hung SMTP server must not hold a digest run forever.
  const transport = nodemailer.createTransport({ url: smtp.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: smtp.from, ...message });
      } catch (err) {
        // No `cause`: the original error may carry the connection's credentials, and loggers print causes.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`SMTP send failed: ${scrubSecrets((err as Error).message ?? String(err), smtp.url)}`);
      }
    },
    close() {
      transport.close();
    },
  };
}
