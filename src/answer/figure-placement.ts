import type { Handler } from '../engine/handler.ts';
import { normalizeForMatch } from '../text/french.ts';
import { joinThousands, spelledNumbersAsDigits } from '../text/number-words.ts';

/** The handler's answers, led by the placement of the figure the question gives when they list ranges of it. */
export function withFigurePlacement(handler: Handler): Handler {
  return {
    name: handler.name,
    async handle(message) {
      const reply = await handler.handle(message);
      const placed = reply && (reply.kind === 'answer' || reply.kind === 'lookup') ? figurePlacement(message.text, reply.text) : null;
      return reply && placed ? { ...reply, text: `${placed}\n\n${reply.text}` } : reply;
    },
  };
}

/**
 * « Notre territoire fait 95 000 habitants, ça nous met dans quelle taille de CPTS ? »: a figure the question gives,
 * placed among the ranges the answer lists (« taille 3 : de 80 000 à 175 000 habitants »). Null when the question
 * gives no figure in the unit of the listed ranges. A figure on a limit two ranges share is said to be on it: the
 * sources do not say on which side it falls.
 */
export function figurePlacement(question: string, answer: string): string | null {
  const ranges = answer.split('\n').flatMap((line) => rangeOf(line) ?? []);
  if (ranges.length < 2) return null;
  const unit = ranges[0]?.unit;
  if (!unit || !ranges.every((range) => range.unit === unit)) return null;
  // The question's figure in that unit (« on est 12 professionnels pour 95 000 habitants »).
  const asked = [...spelledNumbersAsDigits(normalizeForMatch(joinThousands(question))).matchAll(FIGURE)].find((figure) => figure[2] === unit);
  const value = asked?.[1] ? Number(asked[1]) : undefined;
  if (value === undefined) return null;
  const within = ranges.filter((range) => value >= range.min && value <= range.max);
  const figure = `${value.toLocaleString('fr-FR')} ${unit}`;
  if (within.length === 1 && within[0]) return `**Avec ${figure} : ${within[0].label}** (${within[0].said}).`;
  if (within.length === 2) {
    return `**Avec ${figure} : à la limite de ${within.map((range) => range.label).join(' et de ')}** — les sources ne disent pas de quel côté tombe la limite.`;
  }
  return null;
}

interface Range {
  label: string;
  said: string;
  min: number;
  max: number;
  unit: string;
}

/** A figure and the word after it (« 95000 habitants »), on normalised text with thousands joined. */
const FIGURE = /\b(\d+) ([a-z]+)\b/g;

/** « - taille 2 : de 40 000 à 80 000 habitants ; », « - Taille 4 — plus de 175 000 habitants. » */
const RANGE_LINE = /^-\s*([^:—–]+?)\s*[:—–]\s*((?:moins de|de|plus de|au moins|jusqu'à)\s[^;.]+)/u;
const BOUNDS = /^(moins de|plus de|au moins|jusqu a|de) (\d+)(?: a (\d+))? ([a-z]+)$/;

function rangeOf(line: string): Range | null {
  const match = RANGE_LINE.exec(line.trim());
  if (!match?.[1] || !match[2]) return null;
  const said = match[2].trim();
  const bounds = BOUNDS.exec(normalizeForMatch(joinThousands(said)));
  if (!bounds?.[1] || !bounds[2] || !bounds[4]) return null;
  const low = Number(bounds[2]);
  const [min, max] =
    bounds[1] === 'moins de' || bounds[1] === 'jusqu a'
      ? [Number.NEGATIVE_INFINITY, low]
      : bounds[1] === 'de' && bounds[3]
        ? [low, Number(bounds[3])]
        : [low, Number.POSITIVE_INFINITY];
  return { label: match[1].trim(), said, min, max, unit: bounds[4] };
}
