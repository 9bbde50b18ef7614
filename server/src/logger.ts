import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ishc' },
    redact: {
      paths: ['req.headers.authorization', 'variables.password', 'variables.currentPassword', 'variables.newPassword', '*.password'],
      censor: '[redacted]',
    },
  });
}
