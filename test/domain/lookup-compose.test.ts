import { describe, expect, it } from 'vitest';
import { compose, MAX_LOOKUP_CHARS, type Block } from '../../src/domain/lookup-answers.ts';

const block = (text: string, source: string): Block => ({ text, title: 'Protocoles', section: 'Odynophagie', sources: [source], path: 'registries/protocols.yml' });

describe('a lookup answer composed within its length', () => {
  it('shortens the first block rather than leave the heading without the source that backs it', () => {
    const reply = compose(`**Oui** : ${'raison ; '.repeat(60)}`, [block(`- Odynophagie : ${'détail '.repeat(200)}`, 'https://example.org/odynophagie')], true);
    expect(reply.text.length).toBeLessThanOrEqual(MAX_LOOKUP_CHARS);
    expect(reply.text).toMatch(/Odynophagie : détail.*… \[1\]$/su);
    expect(reply.citations.map((c) => c.source)).toEqual(['https://example.org/odynophagie']);
  });

  it('leaves out the blocks after the first that do not fit, and says so', () => {
    const long = `- ${'x'.repeat(700)}`;
    const reply = compose('**Protocoles** :', [block(long, 'https://example.org/a'), block(long, 'https://example.org/b')], true);
    expect(reply.text).toMatch(/\(1 autre élément non affiché : précisez la question\.\)$/u);
    expect(reply.citations).toHaveLength(1);
  });
});
