import { describe, expect, it } from 'vitest';
import { buildProtocolModel, findSection, ProtocolModelError } from '../../src/workflows/drafts/model.ts';
import { model } from './fixtures.ts';

describe('protocol model data file', () => {
  it('lists the sections of the 2020 model and the exigences essentielles, each sourced', () => {
    expect(model.sections.map((s) => s.id)).toEqual([
      'intitule', 'delegants', 'delegues', 'objectifs', 'actes', 'lieu', 'patients', 'information-patients',
      'formation', 'parcours', 'risques', 'disponibilite', 'indicateurs', 'suivi',
    ]);
    for (const section of model.sections) expect(section.source).toMatch(/^https:\/\//);
    expect(model.indicators).toHaveLength(4);
    expect(model.declaration.map((d) => d.label).join(' ')).toMatch(/FINESS.*référent.*RPPS ou ADELI/su);
  });

  it('finds a section by id, label or alias whatever the case, accents or plural', () => {
    expect(findSection(model, 'Patients')?.id).toBe('patients');
    expect(findSection(model, 'CRITÈRES')?.id).toBe('patients');
    expect(findSection(model, 'critere d inclusion')?.id).toBe('patients');
    expect(findSection(model, 'formation')?.id).toBe('formation');
    expect(findSection(model, 'Délégants')?.id).toBe('delegants');
    expect(findSection(model, 'delegue')?.id).toBe('delegues');
    expect(findSection(model, 'Information des patients')?.id).toBe('information-patients');
    expect(findSection(model, 'événements indésirables')?.id).toBe('risques');
    expect(findSection(model, 'météo')).toBeUndefined();
  });

  it('rejects a model where one name designates two sections, naming it', () => {
    const section = (id: string, aliases: string[]) => ({ id, label: id, aliases, help: 'aide', required: true, source: 'https://x' });
    const raw = {
      name: 'M',
      sources: ['https://x'],
      sections: [section('patients', ['critères']), section('formation', ['Critère'])],
      indicators: [1, 2, 3, 4].map((n) => ({ label: `i${n}`, source: 'https://x' })),
      declaration: [{ label: 'd', source: 'https://x' }],
    };
    expect(() => buildProtocolModel(raw)).toThrow(ProtocolModelError);
    expect(() => buildProtocolModel(raw)).toThrow(/« Critère » désigne à la fois « patients » et « formation »/u);
  });

  it('rejects a model with a missing field, naming the field in French', () => {
    expect(() => buildProtocolModel({ name: 'M', sources: ['x'], sections: [] })).toThrow(/Modèle de protocole invalide .*sections/u);
  });
});
