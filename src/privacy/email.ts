import type { NormalizedText } from './normalize.ts';

/**
 * E-mail addresses, also written to dodge robots: spaces around « @ » and
 * « . », « (at) », « [at] », « arobase », « AT », « (dot) », « point ».
 * Plain addresses take any domain ending; spelled-out ones need a common one,
 * so that « le point sur l'ACI » or « at the MSP » stay what they are.
 */
const WORD = '[a-z0-9_%+\\-]+';
const OPEN = '[(\\[{<]';
const CLOSE = '[)\\]}>]';
const SPELLED_AT = `(?:\\s*${OPEN}\\s*(?:at|@|arobase|arrobase)\\s*${CLOSE}\\s*|\\s+(?:at|arobase|arrobase)\\s+)`;
const SPELLED_DOT = `(?:\\s*${OPEN}\\s*(?:dot|point)\\s*${CLOSE}\\s*|\\s+(?:dot|point)\\s+)`;
const COMMON_ENDINGS = '(?:fr|com|net|org|eu|info|be|ch|lu|de|it|es|uk|io|re|gp|mq|gf|yt|nc|pf|pm|ca|us|biz)';

const PLAIN = new RegExp(`${WORD}(?:\\.${WORD})*\\s?@\\s?[a-z0-9\\-]+(?:\\s?\\.\\s?[a-z0-9\\-]+)*\\.[a-z]{2,24}(?![a-z0-9])`, 'g');
const SPELLED = new RegExp(
  `${WORD}(?:(?:\\.|${SPELLED_DOT})${WORD})*(?:\\s*@\\s*|${SPELLED_AT})[a-z0-9\\-]+(?:(?:\\s*\\.\\s*|${SPELLED_DOT})[a-z0-9\\-]+)*(?:\\s*\\.\\s*|${SPELLED_DOT})${COMMON_ENDINGS}(?![a-z0-9])`,
  'g',
);

export function emailSpans(norm: NormalizedText): { start: number; end: number }[] {
  return [PLAIN, SPELLED].flatMap((pattern) => [...norm.lower.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
}
