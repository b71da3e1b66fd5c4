import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRegistries } from '../../src/domain/load.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { draftMigrations } from '../../src/workflows/drafts/migrations.ts';
import { loadProtocolModel, type ProtocolModel } from '../../src/workflows/drafts/model.ts';
import { createProtocolRegistryPort } from '../../src/workflows/drafts/registry-port.ts';
import { DraftService } from '../../src/workflows/drafts/service.ts';
import { SqliteDraftRepository } from '../../src/workflows/drafts/sqlite-repository.ts';

export const KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '../../knowledge');

/** The real domain registries of the knowledge folder, read by the real lookups. */
export const registries = loadRegistries(KNOWLEDGE_DIR);

export const model: ProtocolModel = loadProtocolModel(KNOWLEDGE_DIR);
export const registryPort = createProtocolRegistryPort(registries);

/** A fresh directory for one test's SQLite file; `cleanup` removes it. */
export function tempDir(): { dir: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-drafts-'));
  return { dir, file: path.join(dir, 'coordo.sqlite'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function openDraftDb(file: string): Db {
  return openDatabase(file, draftMigrations);
}

/** A clock that moves one minute per call, from a fixed date. */
export function steppingClock(startIso = '2026-11-24T09:00:00.000Z'): () => Date {
  let t = Date.parse(startIso);
  return () => {
    const now = new Date(t);
    t += 60_000;
    return now;
  };
}

export function createService(db: Db, now: () => Date = steppingClock()): DraftService {
  return new DraftService({ model, repository: new SqliteDraftRepository(db), registry: registryPort, now });
}

/** Texts for every required section (a complete cystitis-like draft, with a national overlap). */
export const COMPLETE_SECTIONS: Record<string, string> = {
  delegants: 'médecin généraliste',
  delegues: 'infirmier',
  objectifs: 'Réduire le délai de prise en charge des cystites simples.',
  actes: '- réalisation d’une bandelette urinaire\n- prescription d’un antibiotique selon l’arbre décisionnel',
  lieu: 'Maison de santé pluriprofessionnelle des Tilleuls',
  patients: 'Femmes de 16 à 65 ans avec brûlures mictionnelles. Exclusion : grossesse, fièvre, récidive.',
  'information-patients': 'Information orale et affiche en salle d’attente ; accord recueilli et noté dans le dossier.',
  formation: 'Formation de 6 heures par un médecin, 10 premiers actes supervisés.',
  parcours: 'Inclusion par l’infirmier, bandelette, décision selon l’arbre, réorientation vers le médecin sous 24 h si critère d’alerte.',
  risques: 'Revue mensuelle des événements indésirables en réunion d’équipe ; déclaration sur le portail national.',
  disponibilite: 'Un médecin joignable par téléphone aux heures d’ouverture.',
  suivi: 'Traçabilité dans le logiciel partagé ; archivage 20 ans.',
};
