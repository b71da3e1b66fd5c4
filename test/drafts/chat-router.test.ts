import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities, Platform } from '../../src/core/capabilities.ts';
import type { Effect, ThreadStart } from '../../src/core/effect.ts';
import type { Interaction } from '../../src/core/interaction.ts';
import { Router } from '../../src/core/router.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/database.ts';
import { draftChat } from '../../src/workflows/drafts/chat.ts';
import { createDraftHandler } from '../../src/workflows/drafts/handler.ts';
import { DraftWorkflow } from '../../src/workflows/drafts/workflow.ts';
import { COMPLETE_SECTIONS, createService, openDraftDb, tempDir } from './fixtures.ts';

/** `/coordo protocole` and plain replies in a draft's thread at the router: interactions in, Effect[] out, no platform. */
const markup = { mention: (u: string) => `@${u}`, channel: (c: string) => `~${c}`, text: (t: string) => t, bold: (t: string) => `**${t}**` };
const FULL: Capabilities = { liveFormUpdate: true, datePicker: true, ephemeralInThread: true, messageShortcut: true };
const platform: Platform = { capabilities: FULL, markup };
const actor = { platform: 'cli' as const, userId: 'alice' };

let db: Db;
let tmp: ReturnType<typeof tempDir>;
let router: Router;
let workflow: DraftWorkflow;

beforeEach(() => {
  tmp = tempDir();
  db = openDraftDb(tmp.file);
  const logger = createLogger('silent');
  workflow = new DraftWorkflow(createService(db));
  workflow.usePeople('cli', { writeRefusal: async () => null, names: async () => new Map() });
  router = new Router([draftChat({ workflow, handler: createDraftHandler({ workflow, logger }), db, logger }).feature]);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const route = (interaction: Interaction) => router.route(interaction, platform);
const start = (title: string) => route({ kind: 'command', actor, command: 'protocole', args: title, place: { conversationId: 'C1' } });
const threadStart = (effects: Effect[]) => {
  const [effect] = effects;
  if (effects.length !== 1 || effect?.kind !== 'thread_start') throw new Error(`not a thread start: ${JSON.stringify(effects)}`);
  return effect;
};
const posted = (rootId: string, removed: string[] = []): ThreadStart => ({ posted: true, rootId, remove: async () => void removed.push(rootId) });

describe('protocol drafts started and written at the router', () => {
  it('/coordo protocole posts a root naming its starter, opens the draft in its thread and tells the starter', async () => {
    const effect = threadStart(await start('Cystite simple'));
    expect(effect.conversationId).toBe('C1');
    expect(effect.text('@alice')).toMatch(/\*\*Protocole local en préparation : Cystite simple\*\*[\s\S]*Lancé par @alice\./u);
    const after = await effect.after(posted('R1'));
    expect(after.map((e) => e.kind)).toEqual(['post', 'reply']);
    expect(after[0]).toMatchObject({ kind: 'post', place: { conversationId: 'C1', threadId: 'R1' } });
    expect(after[1]).toMatchObject({ kind: 'reply', visibility: 'private', text: expect.stringContaining('« Cystite simple » ouvert') });
    expect(workflow.service.find({ platform: 'cli', channelId: 'C1', threadId: 'R1' })).not.toBeNull();
  });

  it('says how to let Coordo in when the root is refused, and opens nothing', async () => {
    const effect = threadStart(await start('Entorse'));
    const [told, ...rest] = await effect.after({ posted: false, error: new Error('not_in_channel'), invite: 'invitez-moi' });
    expect(rest).toEqual([]);
    expect(told).toMatchObject({ kind: 'reply', visibility: 'private', text: expect.stringMatching(/invitez-moi, puis relancez `\/coordo protocole <titre>`/u) });
    const failed = await threadStart(await start('Entorse')).after({ posted: false, error: new Error('boom'), invite: null });
    expect(failed).toMatchObject([{ kind: 'reply', text: expect.stringContaining('erreur technique') }]);
  });

  it('refuses a start without a title before anything is posted', async () => {
    const effects = await start('');
    expect(effects.map((e) => e.kind)).toEqual(['answer']);
  });

  it('answers a plain reply in a draft thread once, and nothing outside a draft', async () => {
    await threadStart(await start('Cystite simple')).after(posted('R1'));
    const reply = (key: string, threadId = 'R1'): Promise<Effect[]> =>
      route({ kind: 'thread_message', actor, text: `patients : ${COMPLETE_SECTIONS.patients}`, written: 'patients : …', place: { conversationId: 'C1', threadId }, key });
    const effects = await reply('C1:1');
    expect(effects).toMatchObject([{ kind: 'post', place: { conversationId: 'C1', threadId: 'R1' }, reply: { text: expect.stringContaining('enregistrée') } }]);
    expect(await reply('C1:1')).toEqual([]);
    expect(await reply('C1:2', 'OTHER')).toEqual([]);
  });
});
