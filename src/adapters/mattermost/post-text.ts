import { escapeRegExp } from '../../text/escape-regexp.ts';

/** A post's text for the engine: the bot's @mention removed (any case), spaces tidied. */
export function plainText(message: string, botUsername: string): string {
  return message
    .replace(new RegExp(`@${escapeRegExp(botUsername)}(?![\\w.-])`, 'gi'), ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
