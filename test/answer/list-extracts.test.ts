import { describe, expect, it } from 'vitest';
import { extractSentences } from '../../src/answer/extractive-composer.ts';
import { terms } from '../../src/text/french.ts';

const ASALEE = [
  'Asalée est un dispositif de coopération entre médecins généralistes et IDE, autorisé par une ARS en 2012.',
  'Il couvre quatre activités :',
  '- le suivi du diabète de type 2 ;',
  '- le suivi du risque cardiovasculaire ;',
  '- le dépistage de la BPCO chez les fumeurs ;',
  '- le repérage des troubles cognitifs.',
  'Asalée relève donc d’un régime antérieur : ce n’est pas un protocole national au sens actuel.',
].join('\n');

const wanted = (question: string) => new Set(terms(question));

describe('a passage with a list, cut to fit an answer', () => {
  it('keeps the whole passage when it fits', () => {
    expect(extractSentences(ASALEE, wanted('Asalée ?'), 2000)).toBe(ASALEE);
  });

  it('leaves a list out with its introduction rather than keep some items silently', () => {
    expect(extractSentences(ASALEE, wanted('Asalée est-il un protocole national au sens actuel ?'), 260)).toBe(
      [
        'Asalée est un dispositif de coopération entre médecins généralistes et IDE, autorisé par une ARS en 2012.',
        'Asalée relève donc d’un régime antérieur : ce n’est pas un protocole national au sens actuel.',
      ].join('\n'),
    );
  });

  it('says where a list too long for the answer is cut, keeping the items asked about in their order', () => {
    expect(extractSentences(ASALEE, wanted('Asalée couvre quelles activités, le diabète et les troubles cognitifs ?'), 240)).toBe(
      [
        'Asalée est un dispositif de coopération entre médecins généralistes et IDE, autorisé par une ARS en 2012.',
        'Il couvre quatre activités :',
        '- le suivi du diabète de type 2 ;',
        '- […]',
        '- le repérage des troubles cognitifs.',
      ].join('\n'),
    );
  });
});
