import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process, named after the service. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service } });
}
