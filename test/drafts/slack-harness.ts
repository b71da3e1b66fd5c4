import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../src/adapters/slack/app.ts';
import { draftsFeature } from '../../src/adapters/shared/drafts-feature.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { Handler } from '../../src/engine/handler.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/database.ts';
import { createDraftHandler } from '../../src/workflows/drafts/handler.ts';
import { DraftWorkflow, type SectionProposer } from '../../src/workflows/drafts/workflow.ts';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { nextTs, sendCommand, type SlackTarget } from '../support/slack-requests.ts';
import { DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import { createService, openDraftDb, tempDir } from './fixtures.ts';

export const SIGNING_SECRET = 'drafts-signing-secret';

export interface DraftsSlack {
  target: SlackTarget;
  db: Db;
  /** Texts that reached the knowledge-base stand-in. */
  seen: string[];
  logs: string[];
  close(): Promise<void>;
}

/** Stands for the knowledge base behind the draft handler. */
function knowledgeStub(seen: string[]): Handler {
  return {
    name: 'kb',
    async handle(message) {
      seen.push(message.text);
      return { kind: 'answer', text: 'Réponse de la base.', citations: [], confident: true };
    },
  };
}

/** Real Bolt app (HTTP, port 0) with the drafts handler and feature, on a real SQLite file, against the fake API. */
export async function startDraftsSlack(fake: FakeSlackApi, dbFile: string, options: { proposer?: SectionProposer } = {}): Promise<DraftsSlack> {
  const db = openDraftDb(dbFile);
  const seen: string[] = [];
  const logs: string[] = [];
  const logger = createLogger('info', (line) => logs.push(line));
  const workflow = new DraftWorkflow(createService(db, () => new Date()), options.proposer);
  const handler = createDraftHandler({ workflow, logger });
  const slack: SlackApp = createSlackApp({
    config: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    engine: new Engine([handler, knowledgeStub(seen)], logger),
    db,
    features: [draftsFeature({ workflow, handler, db, logger })],
    logger,
  });
  const started = await slack.start();
  return {
    target: { url: `http://127.0.0.1:${started.port}${SLACK_EVENTS_PATH}`, signingSecret: SIGNING_SECRET },
    db,
    seen,
    logs,
    async close() {
      await slack.stop();
      db.close();
    },
  };
}

/** A plain `message` event replying in a channel thread (no mention). */
export function threadReplyEvent(input: { text: string; threadTs: string; user?: string; channel?: string }): Record<string, unknown> {
  const ts = nextTs();
  return {
    type: 'message',
    channel_type: 'channel',
    channel: input.channel ?? 'C0001',
    user: input.user ?? 'U0002',
    text: input.text,
    ts,
    event_ts: ts,
    thread_ts: input.threadTs,
  };
}

/** A `block_actions` payload for a select changed inside an open modal. */
export function viewSelectPayload(input: { actionId: string; value: string; view: Record<string, unknown>; userId?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'coordo' },
    user: { id: input.userId ?? 'U0003', username: 'carol', name: 'carol', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-unused',
    trigger_id: `T${Date.now()}.trigger`,
    container: { type: 'view', view_id: String(input.view.id) },
    view: { hash: 'h1', state: { values: {} }, ...input.view },
    actions: [
      {
        type: 'static_select',
        action_id: input.actionId,
        block_id: 'draft_section',
        selected_option: { text: { type: 'plain_text', text: input.value }, value: input.value },
        action_ts: nextTs(),
      },
    ],
  };
}

/** Slack accounts the tests use: display names, and a guest (read only). Other users get the fake's default answer. */
export const PEOPLE: Record<string, { name: string; guest?: boolean }> = {
  U0001: { name: 'Alice Martin' },
  U0002: { name: 'Bruno Petit' },
  U0003: { name: 'Carole Roux' },
  U0005: { name: 'Eva Durand' },
  U0GUEST: { name: 'Invité Externe', guest: true },
};

/** Make the fake's users.info answer with {@link PEOPLE} (restricted = single-channel guest). */
export function answerUsersInfo(fake: FakeSlackApi): void {
  fake.respond('users.info', (call) => {
    const id = String(call.params.user);
    const person = PEOPLE[id];
    if (!person) return null;
    return { ok: true, user: { id, name: id.toLowerCase(), real_name: person.name, is_restricted: person.guest === true, is_ultra_restricted: false, profile: { display_name: person.name } } };
  });
}

/** A posted message's blocks (or text) as one string, for `toContain`. */
export const textOf = (call: SlackCall): string => JSON.stringify(call.params.blocks ?? call.params.text);

/** `/coordo protocole <titre>` → root message, status in its thread; returns the thread ts and the draft id. */
export async function startDraft(fake: FakeSlackApi, app: DraftsSlack, title: string, userId?: string): Promise<{ rootTs: string; draftId: string }> {
  const responseUrl = fake.responseUrl(`start-${title}`);
  const res = await sendCommand(app.target, { text: `protocole ${title}`, responseUrl, ...(userId ? { userId } : {}) });
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === undefined && textOf(c).includes(title));
  // The root's ts is the fake's answer: the status posted in its thread carries it.
  const status = await fake.waitFor('chat.postMessage', (c) => typeof c.params.thread_ts === 'string' && textOf(c).includes(`Brouillon de protocole : ${title}`));
  const blocks = status.params.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  const fill = blocks.flatMap((b) => b.elements ?? []).find((b) => b.action_id === DRAFT_FILL_ACTION);
  await fake.waitFor('response_url', (c) => c.responseId === `start-${title}`);
  return { rootTs: String(status.params.thread_ts), draftId: String(fill?.value) };
}

/**
 * Registers the hooks of a Slack drafts test file: one fake Slack API for the
 * file, a fresh app and SQLite file for each test (logs and calls printed when
 * a test fails). Read `fixture.fake` and `fixture.app` inside the tests.
 */
export function useDraftsSlack(): { fake: FakeSlackApi; app: DraftsSlack; restart(): Promise<DraftsSlack> } {
  let tmp: ReturnType<typeof tempDir>;
  const fixture = {
    /** Close the app and start a new one on the same SQLite file (a process restart). */
    async restart(): Promise<DraftsSlack> {
      await fixture.app.close();
      fixture.fake.reset();
      fixture.app = await startDraftsSlack(fixture.fake, tmp.file);
      return fixture.app;
    },
  } as { fake: FakeSlackApi; app: DraftsSlack; restart(): Promise<DraftsSlack> };
  beforeAll(async () => {
    fixture.fake = await startFakeSlackApi();
    answerUsersInfo(fixture.fake);
  });
  afterAll(async () => {
    await fixture.fake.close();
  });
  beforeEach(async () => {
    fixture.fake.reset();
    tmp = tempDir();
    fixture.app = await startDraftsSlack(fixture.fake, tmp.file);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') console.log(fixture.app.logs.join('\n'), JSON.stringify(fixture.fake.calls.map((c) => c.method)));
    for (const method of ['views.open', 'views.update']) fixture.fake.respond(method, () => null);
    await fixture.app.close();
    tmp.cleanup();
  });
  return fixture;
}
