import { describe, expect, it } from 'vitest';
import { changeEffects, creationEffects } from '../../src/workflows/delegation/effects.ts';
import type { DelegationRequest } from '../../src/workflows/delegation/model.ts';

const request = (delegant: string, cards: DelegationRequest['cards'] = []): DelegationRequest => ({
  id: 'DEL-2026-0001',
  delegantUserId: delegant,
  delegueUserId: 'mattermost:nurse',
  acts: 'Suture',
  natures: ['therapeutique'],
  protocol: { kind: 'new_local' },
  patients: 'Adultes',
  setting: 'msp',
  startDate: '2026-12-15',
  state: 'submitted',
  version: 1,
  createdAt: 'x',
  updatedAt: 'x',
  cards,
});

describe('the platform of each message a request owes', () => {
  it('is the recipient’s: each person on their platform, the requests channel on the requester’s only', () => {
    const rows = creationEffects(request('mattermost:doc'), ['mattermost:nurse', 'slack:U02'], { slack: 'CREQ' });
    expect(rows.map((r) => [r.platform, r.target])).toEqual([
      ['mattermost', { kind: 'person', userId: 'mattermost:nurse' }],
      ['slack', { kind: 'person', userId: 'slack:U02' }],
      ['mattermost', { kind: 'person', userId: 'mattermost:doc' }],
    ]);
    const fromSlack = creationEffects(request('slack:U01'), ['mattermost:nurse'], { slack: 'CREQ' });
    expect(fromSlack.map((r) => [r.platform, r.target.kind])).toEqual([
      ['slack', 'channel'],
      ['slack', 'person'],
    ]);
  });

  it('of a card’s update and thread line is the card’s; of a notice, the notified person’s', () => {
    const changed = { ...request('slack:U01', [{ channel: 'dm1', ts: 'p1', role: 'delegue', userId: 'mattermost:nurse', platform: 'mattermost' }, { channel: 'D1', ts: '1.1', role: 'requester', userId: 'slack:U01' }]), version: 2 };
    const rows = changeEffects(changed, ['slack:U01']);
    expect(rows.map((r) => [r.key.split(':').slice(3, 4)[0], r.platform])).toEqual([
      ['update', 'mattermost'],
      ['update', 'slack'],
      ['thread', 'mattermost'],
      ['notice', 'slack'],
    ]);
  });
});
