import type { Passage } from '../knowledge/passage.ts';

/** Longest passage text given to the model, in characters. */
const MAX_PASSAGE_CHARS = 1500;

/**
 * A passage's own text made inert: no tag of the fence (« < », « > »), no
 * citation marker (« [2] » becomes « (2) »), so that a document cannot close
 * its passage, open a forged one, or pose as another number.
 */
function inert(text: string): string {
  return text
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\[(\s*\d+(?:\s*[,;]\s*\d+)*\s*)\]/g, '($1)');
}

const quoted = (text: string) =>
  inert(text)
    .split('\n')
    .map((line) => `│ ${line}`)
    .join('\n');

/**
 * The passages as fenced, quoted data for the user message: each one between
 * <passage numero="n"> and </passage>, its title, section and text quoted line
 * by line (« │ »). Only the code writes tags and numbers.
 */
export function fencePassages(passages: readonly Passage[]): string {
  return passages
    .map(({ chunk }, i) => {
      const text = chunk.text.length > MAX_PASSAGE_CHARS ? `${chunk.text.slice(0, MAX_PASSAGE_CHARS)}…` : chunk.text;
      return [`<passage numero="${i + 1}">`, quoted(`Titre : ${chunk.title}`), quoted(`Section : ${chunk.section}`), quoted(text), '</passage>'].join('\n');
    })
    .join('\n\n');
}
