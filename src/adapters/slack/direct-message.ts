import type { WebClient } from '@slack/web-api';

/** The id of the direct-message channel with a user (opened if needed). */
export async function openDirectMessage(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

/** Post a plain text to a user in a direct message; throws when Slack refuses. */
export async function sendDirectMessage(client: WebClient, userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: await openDirectMessage(client, userId), text, unfurl_links: false });
}
