import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Handler } from '../../src/engine/handler.ts';
import { unknownReply } from '../../src/answer/unknown.ts';
import { ACTION_ASK_SUGGESTION } from '../../src/workflows/questions/questions.ts';
import type { SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, mentionEvent, sendEvent, sendInteraction } from '../support/slack-requests.ts';
import { CITATIONS, startHarness, type Harness } from './harness.ts';

/** Abstains with two suggestions, and answers the suggested question itself. */
const abstaining: Handler = {
  name: 'abstaining',
  async handle(message) {
    if (message.text === "Qu'est-ce qu'une CPTS ?") return { kind: 'answer', text: 'Une CPTS réunit les professionnels d’un territoire.', citations: CITATIONS, confident: true };
    return unknownReply(["Qu'est-ce qu'une CPTS ?", 'Quelles sont les missions d’une CPTS ?']);
  },
};

interface Element {
  action_id?: string;
  value?: string;
}
const buttonsOf = (call: SlackCall): Element[] =>
  (call.params.blocks as { type: string; elements?: Element[] }[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

describe('abstention with suggestions in Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ engine: (logger) => new Engine([abstaining], logger) });
  });
  afterEach(async () => {
    await h.close();
  });

  it('shows « Voulez-vous dire » buttons, and a button asks its question in the thread', async () => {
    const event = mentionEvent({ text: '<@UCOORDO> la cotisation à la fédération ?' });
    await sendEvent(h.target, event);
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts);
    expect(JSON.stringify(post.params.blocks)).toContain('Voulez-vous dire');
    const suggestions = buttonsOf(post).filter((b) => b.action_id?.startsWith(ACTION_ASK_SUGGESTION));
    expect(suggestions.map((b) => b.value)).toEqual(["Qu'est-ce qu'une CPTS ?", 'Quelles sont les missions d’une CPTS ?']);

    const first = suggestions[0]!;
    await sendInteraction(
      h.target,
      blockActionPayload({ actionId: first.action_id!, value: first.value!, responseUrl: h.fake.responseUrl(), messageTs: String(post.params.ts ?? event.ts) }),
    );
    const answer = await h.fake.waitFor('chat.postMessage', (c) => JSON.stringify(c.params.blocks ?? '').includes('Une CPTS réunit'));
    expect(answer.params.channel).toBe('C0001');
  });
});
