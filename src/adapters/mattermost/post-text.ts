/** A post's text for the engine: the bot's @mention removed (any case), spaces tidied. */
export function plainText(message: string, botUsername: string): string {
  const escaped = botUsername.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message
    .replace(new RegExp(`@${escaped}(?![\\w.-])`, 'gi'), ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
