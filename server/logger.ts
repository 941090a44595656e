/** Structured JSON logging (pino). One root logger per server; child loggers per room/connection. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({ name: 'conf-kit', level });
}
