import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

import { AppConfig, mailDelivery } from '../../config/app-config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends e-mail through SMTP_URL. Without it, writes each mail as an .eml file (mode 0600) into
 * MAIL_DIR, for the demo and for a deployment without a mail server; without either, the mail is
 * not delivered at all and only its address and subject are logged (never its text: it may hold a
 * password-setup link).
 */
@Injectable()
export class Mailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;
  private readonly delivery: 'smtp' | 'folder' | 'none';

  constructor(private readonly config: AppConfig) {
    this.delivery = mailDelivery(config);
    this.transport =
      this.delivery === 'smtp'
        ? createTransport(config.mail.smtpUrl)
        : this.delivery === 'folder'
          ? createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
          : createTransport({ jsonTransport: true });
  }

  onApplicationBootstrap(): void {
    if (this.delivery === 'none' && this.config.env === 'production') {
      this.logger.warn(
        'e-mails are not delivered: neither SMTP_URL nor MAIL_DIR is set, so no notification and no password-setup link reaches anyone',
      );
    }
  }

  async send(mail: Mail): Promise<void> {
    const info = (await this.transport.sendMail({ from: this.config.mail.from, ...mail })) as {
      messageId?: string;
      message?: Buffer | string;
    };
    const summary = { to: mail.to, subject: mail.subject };
    if (this.delivery === 'smtp') {
      this.logger.log({ mail: { ...summary, messageId: info.messageId } }, 'e-mail sent');
    } else if (this.delivery === 'folder') {
      const file = await this.write(info.message ?? '');
      this.logger.log({ mail: { ...summary, file } }, 'e-mail written to MAIL_DIR (no SMTP_URL)');
    } else {
      this.logger.warn({ mail: summary }, 'e-mail not delivered (neither SMTP_URL nor MAIL_DIR)');
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /** One file per mail, readable by the worker's user alone: it may hold a password-setup link. */
  private async write(message: Buffer | string): Promise<string> {
    const dir = this.config.mail.dir;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, message, { mode: 0o600, flag: 'wx' });
    return file;
  }
}
