import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS, MAX_SECTION_CHARS, renderReply, toMrkdwn } from '../../src/adapters/slack/render.ts';
import { splitText } from '../../src/text/split-text.ts';
import { plainText } from '../../src/adapters/slack/message-text.ts';
import { textReply } from '../../src/engine/reply.ts';
import { CITATIONS } from './harness.ts';

describe('Block Kit rendering', () => {
  it('converts light Markdown to mrkdwn and escapes Slack control characters', () => {
    expect(toMrkdwn('**Une MSP** & <b>\n- premier\n* second\n# Titre\n[ARS](https://ars.sante.fr)')).toBe(
      '*Une MSP* &amp; &lt;b&gt;\n• premier\n• second\n*Titre*\n<https://ars.sante.fr|ARS>',
    );
  });

  it('numbers sources: a link when the source is a URL, plain text otherwise', () => {
    const { blocks } = renderReply({ kind: 'answer', text: 'Réponse', citations: CITATIONS, confident: true });
    expect(JSON.stringify(blocks)).toContain(
      '*Sources*\\n1. <https://example.org/cpts|CPTS — Définition>\\n2. Code de la santé publique — Article L1434-12 (CSP L1434-12)',
    );
  });

  it('splits a long answer into ≤ 3,000-character sections and never exceeds 50 blocks', () => {
    const paragraph = 'Les professionnels de santé se coordonnent autour du patient. '.repeat(40);
    const long = Array.from({ length: 120 }, () => paragraph).join('\n\n');
    const { text, blocks } = renderReply({ kind: 'answer', text: long, citations: CITATIONS, confident: true }, { answerId: 'a1', feedback: true, share: true });
    expect(blocks.length).toBe(MAX_BLOCKS);
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    }
    expect(JSON.stringify(blocks)).toContain('réponse tronquée');
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
  });

  it('cuts text without a break at the limit', () => {
    const pieces = splitText('x'.repeat(7000), MAX_SECTION_CHARS);
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
  });

  it('renders a reply without sources or buttons as plain sections', () => {
    const { blocks } = renderReply(textReply('help', 'Aide'));
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Aide' } }]);
  });
});

describe('Slack text to plain text', () => {
  it('drops the bot mention, keeps labels and decodes entities', () => {
    expect(plainText('<@UCOORDO> voir <https://ars.sante.fr|ARS> &amp; <#C1|general> avec <@U2>', 'UCOORDO')).toBe(
      'voir ARS (https://ars.sante.fr) & general avec U2',
    );
  });
});
