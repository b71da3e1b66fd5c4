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

  it('keeps the sentence that answers over items that say nothing of the question, the cut said', () => {
    const missions = [
      'Une CPTS remplit des missions :',
      '- faciliter l’accès à un médecin traitant ;',
      '- organiser les soins non programmés ;',
      '- organiser des parcours pluriprofessionnels ;',
      '- développer la prévention ;',
      '- répondre aux crises sanitaires.',
      'Le financement de ces missions passe par l’ACI des CPTS, signé avec la CPAM et l’ARS.',
    ].join('\n');
    const cut = extractSentences(missions, wanted('Comment sont financées les missions d’une CPTS ?'), 200);
    expect(cut).toContain('Le financement de ces missions passe par l’ACI');
    expect(cut).toContain('- […]');
  });

  it('keeps an item of two sentences whole, and reads numbered items as a list', () => {
    const glossary = ['Sigles des protocoles :', '- PC suivi d’un numéro (ex. PC 154). Numéro d’un dossier de protocole évalué par la HAS ;', '- IADL : activités instrumentales de la vie quotidienne ;', '- TE2 : l’avis du requis en téléexpertise.'].join('\n');
    const cut = extractSentences(glossary, wanted('IADL et TE2, ça veut dire quoi ?'), 140);
    expect(cut).not.toMatch(/\(ex\.$/mu);
    expect(cut).toContain('- IADL : activités instrumentales');
    const indicators = ['Le suivi comporte quatre indicateurs :', '1. le nombre de patients inclus ;', '2. le taux de reprise par le délégant ;', '3. le taux d’événements indésirables ;', '4. la satisfaction des professionnels.'].join('\n');
    const kept = extractSentences(indicators, wanted('Quel est le taux de reprise par le délégant ?'), 110);
    expect(kept).toContain('2. le taux de reprise par le délégant ;');
    expect(kept).toContain('- […]');
  });
});
