import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../src/adapters/slack/bolt-logger.ts';
import { createLogger } from '../../src/log/logger.ts';

describe('Slack library logs', () => {
  it('keep the wording, never the payload, even at debug level', () => {
    const lines: string[] = [];
    const log = boltLogger(createLogger('debug', (l) => lines.push(l)));
    log.debug('Received a message on the WebSocket: {"event":{"text":"Mme Dupont, née le 3 mars"}}');
    log.info('http request result', { text: 'secret' });
    log.error(new Error('message quoting « Mme Dupont »'));
    const all = lines.join('\n');
    expect(all).toContain('Received a message on the WebSocket');
    expect(all).not.toMatch(/Dupont|secret/);
  });
});
