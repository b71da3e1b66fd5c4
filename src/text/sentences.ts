/** A sentence, and whether it opened a line of the source (a list item, a new paragraph). */
export interface Sentence {
  text: string;
  startsLine: boolean;
}

/** Split French prose into sentences, keeping list items and paragraphs apart. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    // Split after ., ! or ? followed by a space and an uppercase letter or a digit.
    trimmed.split(/(?<=[.!?])\s+(?=[\p{Lu}\d«"(])/u).forEach((part, index) => {
      const sentence = part.trim();
      if (sentence) out.push({ text: sentence, startsLine: index === 0 });
    });
  }
  return out;
}

/** The sentences' texts only. */
export function splitSentences(text: string): string[] {
  return sentencesOf(text).map((s) => s.text);
}

/** Sentences back into text: those that opened a line open one again. */
export function joinSentences(sentences: readonly Sentence[]): string {
  return sentences.reduce((text, s) => (text === '' ? s.text : `${text}${s.startsLine ? '\n' : ' '}${s.text}`), '');
}
