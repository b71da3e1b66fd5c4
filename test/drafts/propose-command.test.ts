import { describe, expect, it } from 'vitest';
import { parseDraftCommand } from '../../src/workflows/drafts/commands.ts';
import { model } from './fixtures.ts';

describe('« proposer <section> »', () => {
  it.each([
    ['proposer patients', 'patients'],
    ['Propose un texte pour la section formation', 'formation'],
    ['proposer les critères', 'patients'],
    ['Proposition pour les actes dérogatoires', 'actes'],
  ])('reads « %s »', (text, id) => {
    const command = parseDraftCommand(model, text);
    expect(command?.kind === 'propose' && command.section.id).toBe(id);
  });

  it('names an unknown section, and leaves « section : texte » alone', () => {
    expect(parseDraftCommand(model, 'proposer le menu de midi')).toEqual({ kind: 'unknown-section', name: 'menu de midi' });
    expect(parseDraftCommand(model, 'patients : proposer une consultation aux femmes de 16 à 65 ans')).toMatchObject({ kind: 'fill' });
  });
});
