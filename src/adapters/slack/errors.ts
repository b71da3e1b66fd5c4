import { WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';

/** The Slack Web API error code of a failed call (`not_in_channel`, `invalid_blocks`…), if it is one. */
export const slackErrorCode = (error: unknown): string | undefined => (error instanceof WebAPIPlatformError ? error.data.error : undefined);

/** The wait a rate-limited call was told (Retry-After), in milliseconds. */
export const retryAfterMs = (error: unknown): number | undefined => (error instanceof WebAPIRateLimitedError ? error.retryAfter * 1000 : undefined);

/** Slack would not let Coordo write in the channel. */
export function notInChannelError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'not_in_channel' || code === 'channel_not_found';
}
