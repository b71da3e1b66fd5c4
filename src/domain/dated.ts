import { capitalize } from '../text/capitalize.ts';
import { z } from 'zod';

/**
 * Facts that change on a date (tariffs, thresholds, statuses, openings), and
 * their wording relative to today: the value in force first, in the present,
 * then the coming ones in the future, then the past ones in the past tense.
 * The clock is a parameter (`today`), never read here, so tests can fix it.
 */

/** A calendar day, `YYYY-MM-DD`. */
export const IsoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'date inexistante');
export type IsoDay = z.infer<typeof IsoDaySchema>;

/** Where Coordo's users are: « today » is the calendar day in Paris. */
export function isoDay(date: Date): IsoDay {
  return PARIS_DAY.format(date);
}

/** Swedish dates read `YYYY-MM-DD`; one formatter for every call (`toLocaleDateString` builds one each time). */
const PARIS_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `2026-01-01` → « 1er janvier 2026 ». */
export function frenchDay(day: IsoDay): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}

function dayBefore(day: IsoDay): IsoDay {
  const time = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

function dayAfter(day: IsoDay): IsoDay {
  const time = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** One value and the days it applies: from `from` (or always before) until `until` (or the next value's start). */
export interface DatedValue {
  value: string;
  from?: IsoDay;
  until?: IsoDay;
}

export type Tense = 'past' | 'present' | 'future';

/** The tense of a period relative to today. */
export function tenseOf(period: { from?: IsoDay; until?: IsoDay }, today: IsoDay): Tense {
  if (period.from !== undefined && period.from > today) return 'future';
  if (period.until !== undefined && period.until < today) return 'past';
  return 'present';
}

/** Values in order of start, each with its end made explicit (the day before the next one starts). */
export function periods(values: readonly DatedValue[]): DatedValue[] {
  const sorted = [...values].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  return sorted.map((value, index) => {
    const next = sorted[index + 1]?.from;
    return value.until === undefined && next !== undefined ? { ...value, until: dayBefore(next) } : value;
  });
}

/** The value in force on that day, if any. */
export function valueAt(values: readonly DatedValue[], today: IsoDay): DatedValue | undefined {
  return periods(values).find((period) => tenseOf(period, today) === 'present');
}

/** How a subject is said: « Le tarif de l'avis du requis (TE2) » … « il ». */
export interface Subject {
  subject: string;
  pronoun: 'il' | 'elle' | 'ils' | 'elles';
}

const BE: Record<Subject['pronoun'], Record<Tense, string>> = {
  il: { past: 'était', present: 'est', future: 'sera' },
  elle: { past: 'était', present: 'est', future: 'sera' },
  ils: { past: 'étaient', present: 'sont', future: 'seront' },
  elles: { past: 'étaient', present: 'sont', future: 'seront' },
};

function when(period: DatedValue, tense: Tense): string {
  const { from, until } = period;
  if (tense === 'future') return from ? ` à partir du ${frenchDay(from)}` : '';
  if (tense === 'past') {
    if (from && until) return ` du ${frenchDay(from)} au ${frenchDay(until)}`;
    return until ? ` jusqu'au ${frenchDay(until)}` : from ? ` à partir du ${frenchDay(from)}` : '';
  }
  const since = from ? ` depuis le ${frenchDay(from)}` : '';
  return until ? `${since}${since ? ' et' : ''} jusqu'au ${frenchDay(until)}` : since;
}


/**
 * The values of a subject as sentences relative to today: « Le tarif … est de
 * 23 € depuis le 1er janvier 2026. Il était de 20 € du 1er avril 2022 au
 * 31 décembre 2025. » — or, before that day, « … est de 20 € depuis le 1er
 * avril 2022. Il sera de 23 € à partir du 1er janvier 2026. »
 */
export function describeValues(subject: Subject, values: readonly DatedValue[], today: IsoDay): string {
  const all = periods(values);
  const current = all.filter((period) => tenseOf(period, today) === 'present');
  const future = all.filter((period) => tenseOf(period, today) === 'future');
  const past = all.filter((period) => tenseOf(period, today) === 'past').reverse();
  const ordered: [DatedValue, Tense][] = [
    // The coming change is said in its own sentence: no « jusqu'au » before it.
    ...current.map((period): [DatedValue, Tense] => [future.length > 0 ? { ...period, until: undefined } : period, 'present']),
    ...future.map((period): [DatedValue, Tense] => [period, 'future']),
    ...past.map((period): [DatedValue, Tense] => [period, 'past']),
  ];
  const sentences = ordered.map(([period, tense], index) => {
    const who = index === 0 ? subject.subject : subject.pronoun;
    return `${capitalize(who)} ${BE[subject.pronoun][tense]} ${period.value}${when(period, tense)}.`;
  });
  const last = all.at(-1);
  if (current.length === 0 && future.length === 0 && last?.until !== undefined) {
    sentences.push(`Ce n'est plus le cas depuis le ${frenchDay(dayAfter(last.until))}.`);
  }
  return sentences.join(' ');
}

/** « depuis le 24 avril 2020 », « à partir du 1er janvier 2027 » (a status or an opening that starts on a day). */
export function sincePhrase(day: IsoDay, today: IsoDay): string {
  return day > today ? `à partir du ${frenchDay(day)}` : `depuis le ${frenchDay(day)}`;
}
