import { describe, expect, it } from 'vitest';
import { isMisspeltStopWord, pluralVerbStem, terms } from '../../src/text/french.ts';

describe('the terms of a text', () => {
  it.each([
    ['Who signs the ACI contract with an MSP, besides the MSP itself?', ['sign', 'aci', 'contract', 'msp', 'msp']],
    ['How much is it right now, within the protocol?', ['right', 'protocol']],
    ['How many acts can be billed per patient each year?', ['act', 'bill', 'patient', 'year']],
    ['Can someone other than a doctor follow him while he waits?', ['other', 'doctor', 'follow', 'wait']],
    ['What kind of company is it?', ['company']],
  ])('« %s » : English words that say nothing of the subject are no terms', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('reads « la HAS » in capitals as the sigle, English « has » as nothing, and elisions in any case', () => {
    expect(terms('Quel est le rôle de la HAS ?')).toHaveLength(2);
    expect(terms('the nurse has a licence')).toEqual(terms('the nurse a licence'));
    expect(terms("Qu'entend-on par L'ARS ?")).toEqual(terms("qu'entend-on par l'ARS ?"));
  });

  it('drops the words that say how to answer or that it is today (« concrètement », « actuellement », « please »)', () => {
    expect(terms('Concrètement, combien de protocoles actuellement, svp ?')).toEqual(terms('combien de protocoles ?'));
  });

  it('drops English verbs that frame what is asked and SMS spellings of stop words', () => {
    expect(terms('How do we start to use a national protocol?')).toEqual(['national', 'protocol']);
    expect(terms('on declare ou ds notre cpts, pr les IDE ?')).toEqual(terms('on declare ou notre cpts, les IDE ?'));
  });

  it.each([
    ["What's MSSanté?", 'What is MSSanté?'],
    ["We're a team and it isn't open", 'We are a team and it is open'],
    ['What’s the MSP’s project?', 'What is the MSP project?'],
    ["I'm sure they've said it'll close", 'I am sure they have said it will close'],
  ])('« %s » : an English contraction is the word before it', (contracted, written) => {
    expect(terms(contracted)).toEqual(terms(written));
  });

  it('keeps French elisions and « aujourd’hui » as they were read', () => {
    expect(terms("l'ARS d'Occitanie qu'on connaît")).toEqual(terms('ARS Occitanie connaît'));
  });

  it('keeps the English words the lexicon translates (« since » is « depuis »)', () => {
    expect(terms('open since 2023')).toContain('sinc');
  });
});

describe('a third person plural the stemmer leaves whole', () => {
  it.each([
    ['travaillent', 'travaille'],
    ['signent', 'signer'],
    ['délèguent', 'déléguer'],
    ['valident', 'valide'],
  ])('« %s » reads as « %s »', (plural, singular) => {
    const [term = ''] = terms(plural);
    expect(pluralVerbStem(term)).toBe(terms(singular)[0]);
  });

  it('reads nothing of a short word or one of another ending', () => {
    expect(pluralVerbStem('dent')).toBeUndefined();
    expect(pluralVerbStem('travaill')).toBeUndefined();
  });
});

describe('ligatures', () => {
  it('reads « œuvre » as « oeuvre », the way most keyboards type it', () => {
    expect(terms("la mise en œuvre d'un protocole")).toEqual(terms("la mise en oeuvre d'un protocole"));
    expect(terms('Cœur, ŒUVRE, ex æquo')).toEqual(terms('Coeur, OEUVRE, ex aequo'));
  });
});

describe('a stop word mistyped', () => {
  it.each(['simplment', 'vraiement', 'concretment', 'exactemen'])('« %s » is one letter off a long stop word', (word) => {
    expect(isMisspeltStopWord(word)).toBe(true);
  });

  it.each(['commenc', 'protocol', 'infirmier', 'partenair', 'medecins'])('« %s » is a word of its own', (word) => {
    expect(isMisspeltStopWord(word)).toBe(false);
  });
});
