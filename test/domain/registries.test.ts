import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { RegistryError } from '../../src/domain/registry.ts';

const KNOWLEDGE = join(import.meta.dirname, '../../knowledge');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp knowledge folder holding a copy of the real registries. */
function tempKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coordo-registries-'));
  temps.push(dir);
  cpSync(join(KNOWLEDGE, 'registries'), join(dir, 'registries'), { recursive: true });
  return dir;
}

function registryError(run: () => unknown): RegistryError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('RegistryError attendue');
}

describe('registres du domaine', () => {
  const registries = loadRegistries(KNOWLEDGE);
  const professionIds = registries.professions.map((p) => p.id);

  it('contiennent chaque profession citée par la fiche de référence et le document med-in-occ', () => {
    expect(professionIds).toEqual(
      expect.arrayContaining([
        'medecin', 'medecin-generaliste', 'cardiologue', 'radiologue', 'medecin-anesthesiste', 'ophtalmologiste',
        'chirurgien-dentiste', 'sage-femme', 'biologiste', 'pharmacien', 'pharmacien-officine', 'preparateur-en-pharmacie',
        'preparateur-en-pharmacie-hospitaliere', 'infirmier', 'masseur-kinesitherapeute', 'pedicure-podologue', 'ergotherapeute',
        'psychomotricien', 'orthophoniste', 'orthoptiste', 'manipulateur-electroradiologie', 'technicien-laboratoire-medical',
        'audioprothesiste', 'opticien-lunetier', 'prothesiste-orthesiste', 'dieteticien', 'aide-soignant',
        'auxiliaire-de-puericulture', 'ambulancier', 'assistant-dentaire', 'conseiller-en-genetique', 'physicien-medical',
        'assistant-medical', 'psychologue', 'osteopathe',
      ]),
    );
  });

  it('comptent 7 professions à Ordre et 10 à URPS, et notent la divergence sur les pharmaciens', () => {
    const top = registries.professions.filter((p) => p.parent === undefined);
    expect(top.filter((p) => p.ordre).map((p) => p.id).sort()).toEqual(
      ['chirurgien-dentiste', 'infirmier', 'masseur-kinesitherapeute', 'medecin', 'pedicure-podologue', 'pharmacien', 'sage-femme'],
    );
    expect(top.filter((p) => p.urps)).toHaveLength(10);
    expect(registries.professions.find((p) => p.id === 'pharmacien')?.notes).toMatch(/titulaires d'officine/);
  });

  it('contiennent chaque forme d’exercice coordonné citée', () => {
    expect(registries.forms.map((f) => f.id)).toEqual(
      expect.arrayContaining(['msp', 'centre-de-sante', 'esp', 'cpts', 'dac', 'reseau-de-sante', 'pta', 'maia', 'cta-paerpa', 'clic', 'pole-de-sante', 'sisa', 'gcs', 'cht', 'cls']),
    );
    expect(registries.forms.find((f) => f.id === 'cpts')?.sizes?.items).toHaveLength(4);
  });

  it('contiennent chaque protocole de la fiche de référence, avec leur historique et les divergences', () => {
    expect(registries.protocols.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'bilan-radiologique-ioa', 'insuffisance-cardiaque', 'sutures-plaies-urgences', 'odynophagie', 'cystite',
        'rhino-conjonctivite-allergique', 'eruption-prurigineuse-enfant', 'entorse-cheville', 'lombalgie-aigue',
        'voie-veineuse-centrale', 'echographie-merm', 'domicile-personnes-agees-handicapees', 'asalee', 'bilan-visuel-orthoptiste',
        'pc-161-diabete-ide', 'pc-139-dispositifs-rythme', 'pc-145-midline', 'pc-117-greffe-renale',
      ]),
    );
    const sore = registries.protocols.find((p) => p.id === 'odynophagie');
    expect(sore?.delegues).toEqual(['infirmier']);
    expect(sore?.history.join(' ')).toMatch(/17 juin 2024 — pharmaciens retirés/);
    expect(sore?.patients).toMatch(/6 à 45 ans.*6 à 50 ans/);
    expect(registries.protocols.every((p) => p.status.kind !== 'local' && p.sources.length > 0)).toBe(true);
  });

  it('ne chargent pas le modèle de protocoles locaux', () => {
    expect(registries.protocols.some((p) => p.id.startsWith('exemple'))).toBe(false);
  });
});

describe('erreurs de registre', () => {
  it('nomment le fichier et le champ d’une entrée invalide', () => {
    const dir = tempKnowledge();
    const file = join(dir, 'registries/professions.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('category: auxiliaire-medical', 'category: paramedical'));
    const error = registryError(() => loadRegistries(dir));
    expect(error.file).toBe('registries/professions.yml');
    expect(error.fieldPath).toMatch(/^\[\d+\]\.category$/);
    expect(error.message).toMatch(/Registre registries\/professions\.yml, champ \[\d+\]\.category/);
    expect(error.message).toContain('« infirmier »');
  });

  it('signalent une profession inconnue parmi les anciens délégués', () => {
    const dir = tempKnowledge();
    const file = join(dir, 'registries/protocols.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('formerDelegues: [{ profession: pharmacien,', 'formerDelegues: [{ profession: pharma,'));
    const error = registryError(() => loadRegistries(dir));
    expect(error.fieldPath).toMatch(/^\[\d+\]\.formerDelegues\[0\]\.profession$/);
    expect(error.detail).toMatch(/profession inconnue « pharma »/);
  });

  it('signalent une profession inconnue dans un protocole', () => {
    const dir = tempKnowledge();
    const file = join(dir, 'registries/protocols.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('delegues: [masseur-kinesitherapeute]', 'delegues: [kine]'));
    const error = registryError(() => loadRegistries(dir));
    expect(error.file).toBe('registries/protocols.yml');
    expect(error.fieldPath).toMatch(/^\[\d+\]\.delegues\[0\]$/);
    expect(error.detail).toMatch(/profession inconnue « kine »/);
  });

  it('signalent une source manquante, un YAML illisible et un fichier absent', () => {
    const dir = tempKnowledge();
    const glossary = join(dir, 'registries/glossary.yml');
    writeFileSync(glossary, '- term: XYZ\n  expansion: test\n  sources: []\n');
    expect(registryError(() => loadRegistries(dir))).toMatchObject({ file: 'registries/glossary.yml', fieldPath: '[0].sources' });
    writeFileSync(glossary, '- term: [oops\n');
    expect(registryError(() => loadRegistries(dir)).detail).toMatch(/YAML illisible/);
    rmSync(glossary);
    expect(registryError(() => loadRegistries(dir)).detail).toBe('fichier introuvable');
  });
});

describe('protocoles locaux', () => {
  it('sont chargés depuis un fichier protocoles-locaux*.yml, étiquetés « local » avec leur équipe', () => {
    const dir = tempKnowledge();
    mkdirSync(join(dir, 'equipe'));
    cpSync(join(KNOWLEDGE, 'local/modele-protocoles-locaux.yml'), join(dir, 'equipe/protocoles-locaux-tilleuls.yml'));
    const registries = loadRegistries(dir);
    const local = registries.protocols.find((p) => p.id === 'exemple-renouvellement-bas-de-contention');
    expect(local).toMatchObject({ status: { kind: 'local' }, team: 'MSP fictive des Tilleuls (exemple)', file: 'equipe/protocoles-locaux-tilleuls.yml' });
  });

  it('refusent un identifiant déjà utilisé, en nommant le fichier local', () => {
    const dir = tempKnowledge();
    writeFileSync(
      join(dir, 'protocoles-locaux.yml'),
      'equipe: Équipe test\nprotocoles:\n  - id: cystite\n    title: Doublon\n    patients: x\n    setting: y\n    status: z\n    sources: [s]\n',
    );
    const { skippedLocalFiles } = loadRegistries(dir);
    expect(skippedLocalFiles).toEqual([{ file: 'protocoles-locaux.yml', problems: ['champ protocoles[0].id : identifiant « cystite » déjà utilisé par un autre protocole'] }]);
  });

  it('listent toutes les erreurs d’un fichier local invalide (entrée, champ, en français), l’ignorent et servent les autres', () => {
    const dir = tempKnowledge();
    mkdirSync(join(dir, 'equipe'));
    cpSync(join(KNOWLEDGE, 'local/modele-protocoles-locaux.yml'), join(dir, 'equipe/protocoles-locaux-tilleuls.yml'));
    writeFileSync(
      join(dir, 'protocoles-locaux-casse.yml'),
      [
        'equipe: Équipe test',
        'protocoles:',
        '  - id: plaies-simples',
        '    title: Sutures',
        '    delegues: [kine]',
        '    patients: x',
        '    status: z',
        '    sources: [s]',
        '  - id: Mauvais Identifiant',
        '    title: ""',
        '    setting: y',
        '    patients: x',
        '    status: z',
        '    sources: []',
        '    couleur: bleu',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'protocoles-locaux-illisible.yml'), 'equipe: [oops\n');
    writeFileSync(join(dir, 'protocoles-locaux-inconnue.yml'), 'equipe: E\nprotocoles:\n  - id: a\n    title: T\n    delegues: [kine, sage-femme-x]\n    patients: x\n    setting: y\n    status: z\n    sources: [s]\n');

    const registries = loadRegistries(dir);
    expect(registries.protocols.some((p) => p.id === 'exemple-renouvellement-bas-de-contention')).toBe(true);
    expect(registries.protocols.some((p) => p.id === 'plaies-simples' || p.id === 'a')).toBe(false);
    const byFile = Object.fromEntries(registries.skippedLocalFiles.map((s) => [s.file, s.problems]));
    expect(Object.keys(byFile).sort()).toEqual(['protocoles-locaux-casse.yml', 'protocoles-locaux-illisible.yml', 'protocoles-locaux-inconnue.yml']);
    const broken = byFile['protocoles-locaux-casse.yml'] ?? [];
    expect(broken).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^champ protocoles\[0\]\.setting : .*attendu.*\(entrée « plaies-simples »\)$/u),
        expect.stringMatching(/^champ protocoles\[1\]\.id : identifiant attendu en minuscules/u),
        expect.stringMatching(/^champ protocoles\[1\]\.title : texte vide/u),
        expect.stringMatching(/^champ protocoles\[1\]\.sources : au moins une source est exigée/u),
        expect.stringMatching(/^champ protocoles\[1\] : Clé non reconnue : "couleur"/u),
      ]),
    );
    expect(broken.join('\n')).not.toMatch(/Invalid|expected|received/u);
    expect(byFile['protocoles-locaux-illisible.yml']).toEqual([expect.stringMatching(/^YAML illisible \(ligne \d+\)$/u)]);
    expect(byFile['protocoles-locaux-inconnue.yml']).toEqual([
      expect.stringMatching(/^champ protocoles\[0\]\.delegues\[0\] : profession inconnue « kine »/u),
      expect.stringMatching(/^champ protocoles\[0\]\.delegues\[1\] : profession inconnue « sage-femme-x »/u),
    ]);
  });
});
