/** Split French prose into sentences, keeping list items as their own sentences. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    // Split after ., ! or ? followed by a space and an uppercase letter or a digit.
    for (const part of trimmed.split(/(?<=[.!?])\s+(?=[\p{Lu}\d«"(])/u)) {
      const sentence = part.trim();
      if (sentence) out.push(sentence);
    }
  }
  return out;
}
