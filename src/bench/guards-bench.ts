import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isClinicalQuestion } from '../answer/clinical-guard.ts';
import { PROJECT_ROOT } from '../config/paths.ts';
import { findPatientIdentifiers } from '../privacy/patient-data-guard.ts';

/**
 * Recall and false alarms of the two guards on their labelled sets
 * (test/data/*.jsonl): the tuning set, and held-out variants written at the
 * same time but not looked at while the detectors were written.
 */
const DATA_DIR = path.join(PROJECT_ROOT, 'test', 'data');

const IdentifierLine = z.object({
  id: z.string(),
  kind: z.enum(['nir', 'phone', 'email', 'birthdate', 'patient_number', 'address']).nullable(),
  text: z.string(),
});
const ClinicalLine = z.object({ id: z.string(), clinical: z.boolean(), question: z.string() });
export type IdentifierLine = z.infer<typeof IdentifierLine>;
export type ClinicalLine = z.infer<typeof ClinicalLine>;

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return fs
    .readFileSync(path.join(DATA_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => schema.parse(JSON.parse(line)));
}

export const identifierSet = (file: string): IdentifierLine[] => readJsonl(file, IdentifierLine);
export const clinicalSet = (file: string): ClinicalLine[] => readJsonl(file, ClinicalLine);

export interface GuardFigures {
  name: string;
  positives: number;
  caught: number;
  negatives: number;
  falseAlarms: number;
}

function figures(name: string, labels: readonly { positive: boolean; flagged: boolean }[]): GuardFigures {
  const positives = labels.filter((l) => l.positive);
  const negatives = labels.filter((l) => !l.positive);
  return {
    name,
    positives: positives.length,
    caught: positives.filter((l) => l.flagged).length,
    negatives: negatives.length,
    falseAlarms: negatives.filter((l) => l.flagged).length,
  };
}

const SETS = ['', '-holdout'];

export function measureGuards(): GuardFigures[] {
  return SETS.flatMap((suffix) => [
    figures(
      `données patient${suffix ? ' (variantes réservées)' : ''}`,
      identifierSet(`patient-identifiers${suffix}.jsonl`).map((l) => ({ positive: l.kind !== null, flagged: findPatientIdentifiers(l.text).length > 0 })),
    ),
    figures(
      `questions cliniques${suffix ? ' (variantes réservées)' : ''}`,
      clinicalSet(`clinical-questions${suffix}.jsonl`).map((l) => ({ positive: l.clinical, flagged: isClinicalQuestion(l.question) })),
    ),
  ]);
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((1000 * n) / d) / 10} %`);

/** The table `npm run bench` prints. */
export function guardLines(rows: readonly GuardFigures[]): string[] {
  return [
    '| garde | positifs détectés (rappel) | précision | fausses alertes (témoins) |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.caught}/${r.positives} (${pct(r.caught, r.positives)}) | ${pct(r.caught, r.caught + r.falseAlarms)} | ${r.falseAlarms}/${r.negatives} (${pct(r.falseAlarms, r.negatives)}) |`,
    ),
    'Cibles : 100 % des identifiants, ≤ 5 % de fausses alertes ; ≥ 95 % des questions cliniques refusées, ≤ 5 % des questions d’organisation.',
  ];
}
