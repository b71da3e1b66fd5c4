/**
 * Slack message text → plain text for the engine: the bot's own mention removed,
 * other mentions and links reduced to their label, entities decoded.
 */
export function plainText(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replaceAll(`<@${botUserId}>`, ' ');
  return out
    .replace(/<([@#!][^>|]*)\|([^>]+)>/g, '$2')
    .replace(/<[@#!]([^>]+)>/g, '$1')
    .replace(/<(https?:\/\/[^>|]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
