import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log/logger.ts';

const MAX_CHARS = 300;

/** A log argument as text: strings and errors (name and message) only; objects, which may hold message text, are never printed. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '[objet]';
}

/**
 * Bolt's and the WebClient's logs through Coordo's logger (event `slack.bolt`).
 * Level filtering is left to Coordo's logger; above debug, only strings and
 * error messages are kept, truncated.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (args: unknown[], full: boolean) => {
    const text = args.map(describe).join(' ');
    return { message: full || text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS)}…` };
  };
  return {
    debug: (...args: unknown[]) => logger.debug('slack.bolt', line(args, true)),
    info: (...args: unknown[]) => logger.info('slack.bolt', line(args, false)),
    warn: (...args: unknown[]) => logger.warn('slack.bolt', line(args, false)),
    error: (...args: unknown[]) => logger.error('slack.bolt', line(args, false)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
