/** SMTP delivery through nodemailer, loaded on the first mail so it stays out of the start-up imports. */
import type { Logger } from 'pino';

/** One message as handed to SMTP: both parts, a fixed Message-ID and any extra headers. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message; throws otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A transport for `smtpUrl` (smtp:// or smtps://, credentials in the URL) sending as `from`. */
export function smtpTransport(smtpUrl: string, from: string, log: Logger): MailTransport {
  let transporter: Promise<import('nodemailer').Transporter> | null = null;
  const open = () => {
    transporter ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(smtpUrl));
    return transporter;
  };
  return {
    async send(mail) {
      const t = await open();
      const info = (await t.sendMail({ from, ...mail })) as { response?: string };
      log.debug({ to: mail.to, messageId: mail.messageId, response: info.response }, 'mail accepted');
    },
    close() {
      void transporter?.then((t) => t.close());
    },
  };
}
