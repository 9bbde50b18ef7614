import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured logs to standard output, or to `destination` (tests read what was logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ishc' },
      redact: {
        paths: ['req.headers.authorization', 'variables.password', 'variables.currentPassword', 'variables.newPassword', '*.password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
