import { oncePer } from '../../text/memo.ts';
import { WebClient, type ViewsOpenArguments, type ViewsOpenResponse } from '@slack/web-api';
import { silentLogger } from '../../log/logger.ts';
import { boltLogger } from './bolt-logger.ts';

/**
 * Slack calls someone is waiting on get one attempt within what they wait
 * for, not the app client's retries (≈ 26 s of back-off on a Slack 500): the
 * caller shows its French error at once. Failures are logged by the callers.
 */

/** A trigger_id expires 3 s after the click: views.open must be answered before. */
export const VIEWS_OPEN_TIMEOUT_MS = 2500;

/** A client that tries each call once and gives up after `timeoutMs` (Slack's address by default). */
export function singleAttemptClient(token: string | undefined, slackApiUrl: string | undefined, timeoutMs: number): WebClient {
  return new WebClient(token, { slackApiUrl, retryConfig: { retries: 0 }, timeout: timeoutMs, logger: boltLogger(silentLogger) });
}

const viewClients = oncePer<WebClient, WebClient>(8);

/** views.open with `client`'s token and address, once, within the trigger's life. */
export function openView(client: WebClient, args: ViewsOpenArguments): Promise<ViewsOpenResponse> {
  const single = viewClients(client, () => singleAttemptClient(client.token, client.slackApiUrl, VIEWS_OPEN_TIMEOUT_MS));
  return single.views.open(args);
}
