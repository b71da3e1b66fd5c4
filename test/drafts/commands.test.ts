import { describe, expect, it } from 'vitest';
import { parseDraftCommand, parseStart } from '../../src/workflows/drafts/commands.ts';
import { model } from './fixtures.ts';

describe('starting a draft', () => {
  it('reads the title after « nouveau protocole » in a mention', () => {
    expect(parseStart('nouveau protocole Cystite simple', false)).toBe('Cystite simple');
    expect(parseStart('Nouveau protocole : « Entorse de cheville »', false)).toBe('Entorse de cheville');
    expect(parseStart('créer un protocole Angine', false)).toBe('Angine');
    expect(parseStart('nouveau protocole', false)).toBe('');
  });

  it('reads `protocole <titre>` only from the slash command', () => {
    expect(parseStart('protocole Cystite', true)).toBe('Cystite');
    expect(parseStart('protocole de coopération : qui peut être délégué ?', false)).toBeNull();
    expect(parseStart('Comment rédiger un protocole local ?', false)).toBeNull();
    expect(parseStart('protocoles nationaux', true)).toBeNull();
  });
});

describe('messages in a draft thread', () => {
  it('reads « section: texte » with aliases, accents and case tolerated', () => {
    const fill = parseDraftCommand(model, 'Patients : femmes de 16 à 65 ans: sans fièvre');
    expect(fill).toMatchObject({ kind: 'fill', text: 'femmes de 16 à 65 ans: sans fièvre' });
    expect(fill?.kind === 'fill' && fill.section.id).toBe('patients');
    const training = parseDraftCommand(model, 'FORMATION:10 h');
    expect(training?.kind === 'fill' && training.section.id).toBe('formation');
    const acts = parseDraftCommand(model, 'actes dérogatoires : prescription');
    expect(acts?.kind === 'fill' && acts.section.id).toBe('actes');
  });

  it('reads état, exporter, aide and historique', () => {
    expect(parseDraftCommand(model, 'État')).toEqual({ kind: 'status' });
    expect(parseDraftCommand(model, 'etat')).toEqual({ kind: 'status' });
    expect(parseDraftCommand(model, 'Exporter')).toEqual({ kind: 'export' });
    expect(parseDraftCommand(model, 'aide')).toEqual({ kind: 'help' });
    const history = parseDraftCommand(model, 'historique des patients');
    expect(history?.kind === 'history' && history.section.id).toBe('patients');
  });

  it('names an unknown section, and leaves questions and prose alone', () => {
    expect(parseDraftCommand(model, 'patiens : femmes')).toEqual({ kind: 'unknown-section', name: 'patiens' });
    expect(parseDraftCommand(model, 'Qui peut être délégant ?')).toBeNull();
    expect(parseDraftCommand(model, 'voir https://example.org')).toBeNull();
    expect(parseDraftCommand(model, 'Je pense que la formation devrait durer plus longtemps, non ? voici pourquoi : …')).toBeNull();
  });
});
