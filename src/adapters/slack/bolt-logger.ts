import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { errorName, type Logger } from '../../log/logger.ts';

const MAX_CHARS = 120;

/**
 * What is kept of a Slack library log argument: the fixed wording of a string,
 * cut before anything that looks like data (`: `, a quote, a brace or a bracket:
 * Bolt and the Web API client append payloads there, which can hold message
 * text), an error's name and code; never an object.
 */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.search(/: |["'{[]/);
    const wording = cut === -1 ? value : value.slice(0, cut);
    return wording.length <= MAX_CHARS ? wording : `${wording.slice(0, MAX_CHARS)}…`;
  }
  if (value instanceof Error) return errorName(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '[objet]';
}

/** Bolt's and the WebClient's logs through Coordo's logger (event `slack.bolt`), at every level without data. */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (args: unknown[]) => ({ message: args.map(describe).join(' ') });
  return {
    debug: (...args: unknown[]) => logger.debug('slack.bolt', line(args)),
    info: (...args: unknown[]) => logger.info('slack.bolt', line(args)),
    warn: (...args: unknown[]) => logger.warn('slack.bolt', line(args)),
    error: (...args: unknown[]) => logger.error('slack.bolt', line(args)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
