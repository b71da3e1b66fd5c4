import type { Reply } from '../../engine/reply.ts';

/** A reply as a person reads it in a terminal: the text, then numbered sources. */
export function renderText(reply: Reply): string {
  const text = reply.text.replace(/\*\*(.+?)\*\*/g, '$1') + suggestionsText(reply);
  if (reply.citations.length === 0) return text;
  const sources = reply.citations.map((c, i) => `[${i + 1}] ${c.title} — ${c.section} — ${c.source}`);
  return `${text}\n\nSources :\n${sources.join('\n')}`;
}

function suggestionsText(reply: Reply): string {
  const suggestions = reply.suggestions ?? [];
  return suggestions.length === 0 ? '' : `\n\nVoulez-vous dire :\n${suggestions.map((s) => `- ${s}`).join('\n')}`;
}
