import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../config/paths.ts';
import { readFileSync } from 'node:fs';

/** Folder of the prompt files (`prompts/*.md`, French, plain text), read at run time. */
export const PROMPTS_DIR = pathToFileURL(path.join(PROJECT_ROOT, 'prompts') + path.sep);

export type PromptName = 'answer' | 'answer-passages' | 'intent' | 'delegation-fields' | 'protocol-section';

/** Read one prompt file. Throws (French message) when the file is missing or empty. */
export function loadPrompt(name: PromptName, dir: URL = PROMPTS_DIR): string {
  const file = new URL(`${name}.md`, dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Consigne introuvable : ${file.pathname}`);
  }
  if (!text.trim()) throw new Error(`Consigne vide : ${file.pathname}`);
  return text.trim();
}

/** Replace each `{{name}}` with its value; an unknown placeholder is an error (caught at start, not at run time). */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Consigne : valeur manquante pour {{${key}}}`);
    return value;
  });
}
