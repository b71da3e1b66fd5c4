/** The Slack Web API error code of a failed call (`not_in_channel`, `invalid_blocks`…), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('data' in error)) return undefined;
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
}
