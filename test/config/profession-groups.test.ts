import { describe, expect, it } from 'vitest';
import { parseProfessionGroups } from '../../src/config/profession-groups.ts';

describe('COORDO_PROFESSION_GROUPS', () => {
  it('holds platform-qualified members; a bare id is a Slack one', () => {
    const problems: string[] = [];
    expect(parseProfessionGroups('infirmier=U01ABC, slack:U02DEF;pharmacien=mattermost:8xk3p1', problems)).toEqual({
      infirmier: ['slack:U01ABC', 'slack:U02DEF'],
      pharmacien: ['mattermost:8xk3p1'],
    });
    expect(problems).toEqual([]);
  });

  it('names each member that is not an id, in French', () => {
    const problems: string[] = [];
    expect(parseProfessionGroups('infirmier=U01,teams:x,<@U02>', problems)).toEqual({});
    expect(problems).toEqual([
      expect.stringMatching(/^COORDO_PROFESSION_GROUPS — « slack:teams:x » \(infirmier\) n'est pas un identifiant/u),
      expect.stringMatching(/« slack:<@U02> » \(infirmier\)/u),
    ]);
  });
});
