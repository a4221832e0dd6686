/** The process logger (pino). Created once in main and passed down. */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'confer' } });
}
