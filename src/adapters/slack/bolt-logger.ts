import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log/logger.ts';
import { libraryMessage } from '../../log/library-message.ts';

/**
 * Bolt's and the WebClient's logs through Coordo's logger (event `slack.bolt`), at every level without data
 * (Bolt and the Web API client append payloads to their wording: src/log/library-message.ts).
 */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (args: unknown[]) => ({ message: libraryMessage(args) });
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
