/** How the platform marks text up: mentions, user text (escaped) and bold. Each adapter gives one. */
export interface Formatter {
  mention(userId: string): string;
  /** A link to a conversation. */
  channel(channelId: string): string;
  /** Text typed by a user or read from a registry, escaped for the platform's markup. */
  text(raw: string): string;
  bold(text: string): string;
}
