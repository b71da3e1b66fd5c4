import fs from 'node:fs/promises';
import { z } from 'zod';

/** One line of an evaluation file (format of shared/eval/questions.jsonl). */
const pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expression régulière invalide' },
);

export const EvalQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  must: z.array(pattern).default([]),
  must_not: z.array(pattern).default([]),
  /** Sections that hold the answer, as `<knowledge path>#<heading>`; empty when the base cannot answer. */
  sections: z.array(z.string()).optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export async function readEvalFile(file: string): Promise<EvalQuestion[]> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(`Fichier de questions introuvable ou illisible : ${file}`);
  }
  const lines = content.split('\n');
  const questions: EvalQuestion[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}, ligne ${i + 1} : JSON invalide`);
    }
    const parsed = EvalQuestionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}, ligne ${i + 1} : champ « ${issue?.path.join('.')} » invalide (${issue?.message ?? ''})`);
    }
    questions.push(parsed.data);
  });
  return questions;
}

/** Sections labelled for question files we cannot edit (the shared sets): file name → question id → sections. */
const SectionLabelsSchema = z.record(z.string(), z.record(z.string(), z.array(z.string())));

/** Questions with the labels of a labels file added where the question file names no sections (no file: unchanged). */
export async function withSectionLabels(questions: EvalQuestion[], fileName: string, labelsFile: string): Promise<EvalQuestion[]> {
  let content: string;
  try {
    content = await fs.readFile(labelsFile, 'utf8');
  } catch {
    return questions;
  }
  const labels = SectionLabelsSchema.parse(JSON.parse(content))[fileName] ?? {};
  return questions.map((q) => (q.sections === undefined && labels[q.id] ? { ...q, sections: labels[q.id] } : q));
}
