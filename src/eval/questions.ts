import fs from 'node:fs/promises';
import { z } from 'zod';

/** One line of an evaluation file (format of shared/eval/questions.jsonl). */
export const EvalQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  must: z.array(z.string()).default([]),
  must_not: z.array(z.string()).default([]),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export async function readEvalFile(file: string): Promise<EvalQuestion[]> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
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
    if (!parsed.success) throw new Error(`${file}, ligne ${i + 1} : champ « ${parsed.error.issues[0]?.path.join('.')} » invalide`);
    questions.push(parsed.data);
  });
  return questions;
}
