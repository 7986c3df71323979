import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { eventuallyValue } from './eventually';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server in the test process that keeps every mail it receives. */
export async function startSmtpInbox(): Promise<{
  url: string;
  mails: ReceivedMail[];
  waitFor: (match: (m: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor(match, timeoutMs = 10_000) {
      return eventuallyValue(
        () =>
          `a matching mail within ${timeoutMs} ms; received: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`,
        () => mails.find(match),
        (found): found is ReceivedMail => found !== undefined,
        timeoutMs,
        50,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
