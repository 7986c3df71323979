/** The notification queue: e-mails about dispensations and password-setup links, sent by the worker. */
export const NOTIFICATIONS_QUEUE = 'notifications';

export const NotificationJob = {
  DISPENSATION_WAITING: 'dispensation-waiting',
  DISPENSATION_REMINDER: 'dispensation-reminder',
  DISPENSATION_DECIDED: 'dispensation-decided',
} as const;
export type NotificationJob = (typeof NotificationJob)[keyof typeof NotificationJob];

export interface NotificationData {
  regionId: string;
  dispensationId: string;
  /** The dispensation's version when the job was made: it names the job, so a retry is the same job. */
  version: number;
}

/**
 * The e-mail of a one-time password-setup link. The job names the link's row, not its token: the
 * worker mints the token as it sends the mail, so that no token is ever stored in the clear.
 */
export const PASSWORD_SETUP_JOB = 'password-setup';

export interface PasswordSetupData {
  regionId: string;
  setupId: string;
}

export const NOTIFICATION_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;
