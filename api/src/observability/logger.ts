import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs on stdout, one object per line. Request logs carry the request id; passwords,
 * tokens and keys never reach a log line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'cdvn-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.key'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
