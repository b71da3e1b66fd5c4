import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { askerProfession, canTakePart, findForm, findProfession, matchProtocolsByActs, protocolsForDelegant, protocolsForDelegue } from '../../src/domain/lookups.ts';
import { createThesaurus } from '../../src/domain/thesaurus.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const ids = (text: string) => matchProtocolsByActs(registries, text).map((p) => p.id);

describe('findProfession', () => {
  it.each([
    ['kinés', 'masseur-kinesitherapeute'],
    ['un kiné', 'masseur-kinesitherapeute'],
    ['physiotherapist', 'masseur-kinesitherapeute'],
    ['ifirmier', 'infirmier'],
    ['IDE', 'infirmier'],
    ['les infirmières', 'infirmier'],
    ['sage femme', 'sage-femme'],
    ["pharmacien d'officine", 'pharmacien-officine'],
    ['pharmaciens', 'pharmacien'],
    ['orthophonsite', 'orthophoniste'],
    ['médecin généraliste', 'medecin-generaliste'],
    ['MERM', 'manipulateur-electroradiologie'],
  ])('%s → %s', (text, id) => {
    expect(findProfession(registries, text)?.id).toBe(id);
  });

  it('ne trouve rien sans profession', () => {
    expect(findProfession(registries, 'la recette de la tarte tatin')).toBeUndefined();
  });
});

describe('askerProfession', () => {
  it.each([
    ["Je suis IDE libérale, on bosse avec 3 MG", 'infirmier'],
    ["Salut, kiné libéral depuis 9 ans, avec 3 MG et 4 IDE", 'masseur-kinesitherapeute'],
    ["I'm a British GP doing a locum with 5 nurses", 'medecin-generaliste'],
    ['Australian physiotherapist, working with two GPs', 'masseur-kinesitherapeute'],
    ["Je suis titulaire d'une officine, la MSP voisine a des IDE", 'pharmacien'],
    ['En tant que sage-femme dans une CPTS avec des médecins', 'sage-femme'],
  ])('« %s » → %s', (text, id) => {
    expect(askerProfession(registries, text)?.id).toBe(id);
  });

  it.each(['Mon MG m’a parlé des protocoles', 'Une IDE de notre MSP voudrait savoir', 'Je suis coordinatrice dans une MSP avec des kinés', 'the nurse asked me'])('« %s » → nobody', (text) => {
    expect(askerProfession(registries, text)).toBeUndefined();
  });
});

describe('matchProtocolsByActs', () => {

  it.each([
    ['mal au dos depuis 3 jours', 'lombalgie-aigue'],
    ['elle a mal à la gorge', 'odynophagie'],
    ["j'ai mal a la gorge", 'odynophagie'],
  ])('« %s » : « mal au / à la … » names the complaint as « mal de … » does', (text, id) => {
    expect(matchProtocolsByActs(registries, text)[0]?.id).toBe(id);
  });
  it.each([
    ['suturer une plaie', 'sutures-plaies-urgences'],
    ['angine', 'odynophagie'],
    ['mal de gorge', 'odynophagie'],
    ['sore throat', 'odynophagie'],
    ['cystite', 'cystite'],
    ['pollakiurie', 'cystite'],
    ['brûlure mictionnelle', 'cystite'],
    ['brulures en urinant', 'cystite'],
    ['torsion de cheville', 'entorse-cheville'],
    ['entorse', 'entorse-cheville'],
    ['mal de dos', 'lombalgie-aigue'],
    ['lombalgie', 'lombalgie-aigue'],
    ['rhume des foins', 'rhino-conjonctivite-allergique'],
    ['échographie abdominale', 'echographie-merm'],
    ['insufisance cardiaque', 'insuffisance-cardiaque'],
  ])('%s → %s', (text, id) => {
    expect(ids(text)[0]).toBe(id);
  });

  it.each([
    ['un arrêt de travail pour une entorse', ['entorse-cheville']],
    ['Arrêt\u00a0de travail (entorse de la cheville)', ['entorse-cheville']],
    ['ARRÊT DE TRAVAIL POUR UN MAL DE DOS', ['lombalgie-aigue']],
    ['un arrêt de travail', ['entorse-cheville', 'lombalgie-aigue']],
    ['une cystite ou une angine', ['cystite', 'odynophagie']],
  ])('« %s » : a protocol whose keywords found are all another’s, and fewer, is left out', (text, expected) => {
    expect(ids(text).sort()).toEqual([...expected].sort());
  });

  it('ne trouve aucun protocole pour un acte absent du registre', () => {
    expect(ids('vacciner contre la grippe')).toEqual([]);
  });
});

describe('protocoles par profession', () => {
  it('liste les protocoles où le kiné est délégué', () => {
    expect(protocolsForDelegue(registries, 'masseur-kinesitherapeute').map((p) => p.id)).toEqual(['entorse-cheville', 'lombalgie-aigue']);
  });

  it('étend le pharmacien au pharmacien d’officine et le médecin à ses spécialités', () => {
    expect(protocolsForDelegue(registries, 'pharmacien').map((p) => p.id)).toContain('rhino-conjonctivite-allergique');
    expect(protocolsForDelegant(registries, 'medecin').map((p) => p.id)).toEqual(expect.arrayContaining(['insuffisance-cardiaque', 'echographie-merm', 'odynophagie']));
    expect(protocolsForDelegue(registries, 'orthophoniste')).toEqual([]);
  });

  it('canTakePart suit l’art. L4011-1 et l’ajout de l’ARS Auvergne-Rhône-Alpes', () => {
    expect(canTakePart(registries, 'orthophoniste')).toBe(true);
    expect(canTakePart(registries, 'cardiologue')).toBe(true);
    expect(canTakePart(registries, 'preparateur-en-pharmacie')).toBe(true);
    expect(canTakePart(registries, 'physicien-medical')).toBe(true);
    expect(canTakePart(registries, 'psychologue')).toBe(false);
    expect(canTakePart(registries, 'ambulancier')).toBe(false);
  });
});

describe('findForm', () => {
  it.each([
    ['une MSP', 'msp'],
    ['maison de santé', 'msp'],
    ['health centre', 'centre-de-sante'],
    ['les CPTS', 'cpts'],
    ['équipe de soins primaires', 'esp'],
  ])('%s → %s', (text, id) => {
    expect(findForm(registries, text)?.id).toBe(id);
  });
});

describe('thésaurus', () => {
  const thesaurus = createThesaurus(registries);

  it('développe les sigles et les sigles des développements', () => {
    expect(thesaurus.expand('Qu’est-ce qu’une CPTS ?')).toContain('communauté professionnelle territoriale de santé');
    expect(thesaurus.expand('le dossier médical partagé')).toContain('DMP');
  });

  it('donne ses équivalents à chaque expression d’un même groupe que dit la question, la plus longue d’abord', () => {
    const triggers = thesaurus.expansions('Une SISA peut-elle embaucher des professionnels salariés ?').map((e) => e.trigger);
    expect(triggers).toEqual(expect.arrayContaining(['embaucher', 'salarier']));
    // « centres de santé » is no longer a phrase than « centre de santé »: both groups keep their equivalents.
    const equivalents = thesaurus.expansions('doubler le nombre de centres de santé').flatMap((e) => e.equivalents);
    expect(equivalents).toEqual(expect.arrayContaining(['CDS', 'health centre']));
  });

  it('lit « MG » comme le médecin généraliste, en capitales comme en minuscules', () => {
    for (const text of ['une MSP avec un seul MG', 'un seul mg dans la msp', 'our GP left']) expect(thesaurus.expand(text), text).toContain('médecins généralistes');
  });

  it('lit les formes anglaises en -ed / -ing du mot d’un groupe', () => {
    expect(thesaurus.expand('to get our CPTS recognised and funded')).toEqual(expect.arrayContaining(['reconnue', 'financé']));
    expect(thesaurus.expand('drafting a local protocol')).toContain('rédiger');
    // A word of fewer than four letters before the ending is no inflected form (« pied », « bled »).
    expect(thesaurus.expand('un pied')).toEqual([]);
  });

  it('ajoute les synonymes courants et anglais, jamais le texte lui-même', () => {
    expect(thesaurus.expand('un kiné')).toEqual(expect.arrayContaining(['masseur-kinésithérapeute', 'physiotherapist']));
    expect(thesaurus.expand('sore throat')).toEqual(expect.arrayContaining(['angine', 'odynophagie']));
    expect(thesaurus.expand('health centre')).toContain('centre de santé');
    expect(thesaurus.expand('give a tetanus shot, insert a central line')).toEqual(expect.arrayContaining(['administre', 'vaccin antitétanique', 'pose']));
    expect(thesaurus.expand('un kiné')).not.toContain('kiné');
    expect(thesaurus.expand('les protocoles qu’on applique')).toContain('mise en œuvre');
    expect(thesaurus.expand('la tarte tatin')).toEqual([]);
  });
});
