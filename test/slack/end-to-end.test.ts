import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app/create-coordo.ts';
import { loadConfig } from '../../src/config/env.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { mentionEvent, sendEvent } from '../support/slack-requests.ts';
import { startHarness, type Harness } from './harness.ts';

/** The real core (shipped knowledge base, offline) behind the real Bolt app. */
describe('Slack with the real knowledge base', () => {
  let h: Harness;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-slack-e2e-'));
    const config = loadConfig({ COORDO_DATA_DIR: dataDir }, path.join(import.meta.dirname, '../..'));
    const core = await createCore(config);
    h = await startHarness({ engine: (): Engine => core.engine });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("answers « Qu'est-ce qu'une CPTS ? » in the thread, with sources", async () => {
    const event = mentionEvent({ text: "<@UCOORDO> Qu'est-ce qu'une CPTS ?" });
    await sendEvent(h.target, event);
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts, 15_000);
    const blocks = JSON.stringify(post.params.blocks);
    expect(blocks).toMatch(/CPTS|communauté/i);
    expect(blocks).toContain('*Sources*\\n1. ');
    expect(blocks).toContain('coordo_feedback_up');
  });
});
