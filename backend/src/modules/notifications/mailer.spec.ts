import { Logger } from '@nestjs/common';

import type { AppConfig } from '../../config/app-config';
import { Mailer } from './mailer';

function configOf(env: string, mail: { smtpUrl?: string; dir?: string }): AppConfig {
  return {
    env,
    mail: { smtpUrl: mail.smtpUrl ?? '', dir: mail.dir ?? '', from: 'Hyrkoll <no-reply@x.invalid>' },
  } as unknown as AppConfig;
}

describe('Mailer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('warns once at start in production when neither SMTP_URL nor MAIL_DIR is set', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new Mailer(configOf('production', {})).onApplicationBootstrap();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('e-mails are not delivered');
  });

  it('does not warn with MAIL_DIR, with SMTP_URL, or outside production', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new Mailer(configOf('production', { dir: '/tmp/mail' })).onApplicationBootstrap();
    new Mailer(configOf('production', { smtpUrl: 'smtp://mail.invalid:25' })).onApplicationBootstrap();
    new Mailer(configOf('development', {})).onApplicationBootstrap();
    expect(warn).not.toHaveBeenCalled();
  });

  it('logs only address and subject of a mail it cannot deliver, never the text', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await new Mailer(configOf('production', {})).send({
      to: 'ny@example.se',
      subject: 'Välj ditt lösenord',
      text: 'https://hyrkoll.test/password-setup#secret-token',
    });
    expect(JSON.stringify(warn.mock.calls)).toContain('ny@example.se');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret-token');
  });
});
