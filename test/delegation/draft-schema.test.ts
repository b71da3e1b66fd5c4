import { describe, expect, it } from 'vitest';

import { parseDraft, type DraftContext } from '../../src/workflows/delegation/draft-schema.ts';
import { NEW_LOCAL_PROTOCOL } from '../../src/workflows/delegation/model.ts';
import { realCatalog } from './catalog.ts';

const context = (over: Partial<DraftContext> = {}): DraftContext => ({
  delegantUserId: 'UMED',
  catalog: realCatalog(),
  groups: { infirmier: ['UIDE1', 'UIDE2'] },
  today: '2026-11-24',
  ...over,
});

const valid = {
  delegueUserId: 'UIDE1',
  delegueProfessionId: 'infirmier',
  acts: '  Test rapide angine (TROD) et prescription si positif  ',
  natures: ['diagnostique', 'therapeutique', 'diagnostique'],
  protocol: 'odynophagie',
  patients: 'Patients de 6 à 45 ans',
  setting: 'msp',
  startDate: '2026-11-24',
  comment: '',
};

describe('delegation form → draft', () => {
  it('turns a valid form into a draft (trimmed, deduplicated, empty comment dropped)', () => {
    expect(parseDraft(valid, context())).toEqual({
      ok: true,
      draft: {
        delegantUserId: 'UMED',
        delegueUserId: 'UIDE1',
        delegueProfessionId: 'infirmier',
        acts: 'Test rapide angine (TROD) et prescription si positif',
        natures: ['diagnostique', 'therapeutique'],
        protocol: { kind: 'registry', protocolId: 'odynophagie' },
        patients: 'Patients de 6 à 45 ans',
        setting: 'msp',
        startDate: '2026-11-24',
        comment: undefined,
      },
    });
  });

  it('accepts a profession alone when its group is configured, and a new local protocol', () => {
    const result = parseDraft({ ...valid, delegueUserId: undefined, protocol: NEW_LOCAL_PROTOCOL }, context());
    expect(result).toMatchObject({ ok: true, draft: { delegueUserId: undefined, delegueProfessionId: 'infirmier', protocol: { kind: 'new_local' } } });
  });

  it('refuses a request nobody but the requester could answer', () => {
    const alone = context({ groups: { infirmier: ['UMED'] } });
    expect(parseDraft({ ...valid, delegueUserId: undefined }, alone)).toEqual({
      ok: false,
      errors: {
        delegueProfessionId:
          'Vous êtes le seul membre de l’équipe enregistré comme « Infirmier » : personne d’autre ne pourrait répondre. Choisissez aussi un délégué nommé.',
      },
    });
    expect(parseDraft({ ...valid, delegueUserId: undefined }, context({ groups: {} }))).toMatchObject({
      ok: false,
      errors: { delegueProfessionId: 'Aucun membre de l’équipe n’est enregistré comme « Infirmier » : choisissez aussi un délégué nommé.' },
    });
    expect(parseDraft(valid, alone)).toMatchObject({ ok: true });
  });

  it('names every invalid field at once, in French', () => {
    const result = parseDraft(
      { delegueProfessionId: 'aide-soignant', acts: '   ', natures: [], protocol: '', patients: '', setting: 'cabinet', startDate: '2026-11-23' },
      context(),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        delegueProfessionId: 'La profession « Aide-soignant » ne peut pas être déléguée d’un protocole de coopération.',
        acts: 'Décrivez les actes à déléguer.',
        natures: 'Choisissez au moins une nature des actes.',
        protocol: 'Choisissez un protocole, ou « Nouveau protocole local ».',
        patients: 'Décrivez les patients concernés (critères, sans les identifier).',
        setting: "Choisissez le cadre d'exercice.",
        startDate: 'La date de début ne peut pas être dans le passé.',
      },
    });
  });

  it.each([
    [{ delegueUserId: undefined, delegueProfessionId: undefined }, 'delegueUserId', 'Indiquez le délégué'],
    [{ delegueUserId: 'UMED' }, 'delegueUserId', 'vous-même'],
    [{ delegueProfessionId: 'plombier' }, 'delegueProfessionId', 'Profession inconnue du registre'],
    [{ delegueUserId: undefined, delegueProfessionId: 'masseur-kinesitherapeute', protocol: 'entorse-cheville' }, 'delegueProfessionId', 'Aucun membre de l’équipe'],
    [{ protocol: 'protocole-invente' }, 'protocol', 'Protocole inconnu du registre'],
    [{ delegueProfessionId: 'masseur-kinesitherapeute' }, 'protocol', 'ne prévoit pas la profession « Masseur-kinésithérapeute »'],
    [{ startDate: '2026-02-30' }, 'startDate', 'date de début valide'],
    [{ startDate: undefined }, 'startDate', 'Indiquez la date de début'],
    [{ natures: ['curative'] }, 'natures', 'Nature inconnue'],
    [{ acts: 'x'.repeat(3001) }, 'acts', '3000 caractères au plus'],
  ])('refuses %j on field %s', (change, field, message) => {
    const result = parseDraft({ ...valid, ...change }, context());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([field]);
      expect(result.errors[field as keyof typeof result.errors]).toContain(message);
    }
  });

  it('refuses to store patient identifiers in free-text fields', () => {
    const result = parseDraft(
      { ...valid, patients: 'Mme Durand née le 12/03/1950', comment: 'joindre au 06 12 34 56 78' },
      context(),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['comment', 'patients']);
      expect(result.errors.patients).toContain("n'a pas été enregistré");
      expect(result.errors.comment).toContain('numéro de téléphone');
    }
  });

  it('accepts a specialty of the profession a protocol names (professionCovers)', () => {
    const catalog = realCatalog();
    expect(catalog.protocolAllowsDelegue('odynophagie', 'infirmier')).toBe(true);
    expect(catalog.protocolAllowsDelegue('odynophagie', 'masseur-kinesitherapeute')).toBe(false);
    expect(catalog.protocolAllowsDelegue('pc-145-midline', 'masseur-kinesitherapeute')).toBe(true);
    expect(catalog.suggestProtocols('suture de plaie simple').map((p) => p.id)).toContain('sutures-plaies-urgences');
  });
});
