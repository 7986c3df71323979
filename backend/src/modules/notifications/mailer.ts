import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

import { AppConfig } from '../../config/app-config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail through SMTP_URL; without it, writes each mail to the log (development). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl)
      : createTransport({ jsonTransport: true });
  }

  async send(mail: Mail): Promise<void> {
    const info = await this.transport.sendMail({ from: this.config.mail.from, ...mail });
    if (!this.config.mail.smtpUrl) {
      this.logger.log(
        { mail: { to: mail.to, subject: mail.subject } },
        'e-mail not sent (no SMTP_URL); logged instead',
      );
    } else {
      this.logger.log(
        { mail: { to: mail.to, subject: mail.subject, messageId: info.messageId } },
        'e-mail sent',
      );
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
