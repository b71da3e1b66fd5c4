/** The Slack Web API error code of a failed call (`not_in_channel`, `invalid_blocks`…), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('data' in error)) return undefined;
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
}

/** Slack would not let Coordo write in the channel. */
export function notInChannelError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'not_in_channel' || code === 'channel_not_found';
}
