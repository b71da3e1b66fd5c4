import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import { z } from 'zod';
import { headerOf, type Refusal } from '../shared/http-server.ts';
import { parseJson } from '../../text/parse-json.ts';
import { checkTyped, malformed } from '../shared/typed-body.ts';

/**
 * What Coordo checks of a request to /slack/events before Bolt sees it: the
 * signature, a timestamp within 5 minutes either way (Bolt refuses only old
 * ones), and a body Bolt can dispatch — an event callback with its event, an
 * interaction with what its type needs, or a slash command. Bolt itself throws
 * on some of these bodies (`payload=null` stops the process); they are refused here.
 */

/** Slack's tolerance for the request timestamp, in both directions. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

/** Bolt's check of the `v0=` signature (HMAC-SHA256 of `v0:<timestamp>:<body>`), the timestamp within the skew of `nowMs`. */
export function checkSignature(req: IncomingMessage, body: string, signingSecret: string, nowMs: number): Refusal | null {
  const signature = headerOf(req, 'x-slack-signature');
  const timestamp = headerOf(req, 'x-slack-request-timestamp');
  if (signature === undefined || timestamp === undefined) return { status: 401, reason: 'unsigned' };
  if (!/^\d{1,12}$/.test(timestamp)) return { status: 401, reason: 'bad_timestamp' };
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return { status: 401, reason: 'stale' };
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { status: 401, reason: 'future' };
  const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) };
  return isValidSlackRequest({ signingSecret, body, headers, nowMilliseconds: nowMs }) ? null : { status: 401, reason: 'bad_signature' };
}

/** Slack's connectivity check: answered by Bolt without a signature. */
export function isSslCheck(body: string, contentType: string | undefined): boolean {
  return contentType === FORM && parseQuery(body).ssl_check === '1';
}

const user = z.looseObject({ id: z.string().min(1) });
const withUser = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ user, ...shape });

const EVENT_BODIES = {
  event_callback: z.looseObject({ event: z.looseObject({ type: z.string().min(1) }) }),
  url_verification: z.looseObject({ challenge: z.string() }),
  app_rate_limited: z.looseObject({}),
} satisfies Record<string, z.ZodType>;

const INTERACTION_BODIES = {
  block_actions: withUser({ actions: z.array(z.looseObject({ action_id: z.string() })).min(1) }),
  interactive_message: withUser({ actions: z.array(z.looseObject({})).min(1), callback_id: z.string() }),
  view_submission: withUser({ view: z.looseObject({ id: z.string(), callback_id: z.string() }) }),
  view_closed: withUser({ view: z.looseObject({ id: z.string(), callback_id: z.string() }) }),
  shortcut: withUser({ callback_id: z.string().min(1) }),
  message_action: withUser({ callback_id: z.string().min(1) }),
  block_suggestion: withUser({ action_id: z.string().min(1) }),
} satisfies Record<string, z.ZodType>;

const SlashCommand = z.looseObject({ command: z.string().startsWith('/'), user_id: z.string().min(1) });

/** The body as Bolt will parse it (same content-type rule), or a refusal. */
export function checkPayload(body: string, contentType: string | undefined): Refusal | null {
  if (contentType === FORM) {
    const form = parseQuery(body);
    if (form.payload === undefined) return SlashCommand.safeParse(form).success ? null : malformed('not_a_command');
    if (typeof form.payload !== 'string') return malformed('several_payloads');
    return checkTyped(parseJson(form.payload), INTERACTION_BODIES);
  }
  return checkTyped(parseJson(body), EVENT_BODIES);
}
