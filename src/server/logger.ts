/**
 * The server's log: one JSON object per line on stdout (pino), for a log shipper to read. One
 * line per request (request id, route, operation, cost, duration, outcome) and one per change of
 * state (ready, store down, retrying). What an operator must act on also goes to stderr as one
 * plain line (src/cli/operator-message.ts).
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export function createLogger(level: LevelWithSilent = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pairing-graph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Levels by name ("info"), not number (30): what people grep for.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
