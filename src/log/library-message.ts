import { errorName } from './logger.ts';

const MAX_CHARS = 120;

/**
 * What is kept of a library's log argument: the fixed wording of a string,
 * cut before anything that looks like data (`: `, a quote, a brace or a bracket:
 * client libraries append payloads there, which can hold message text), an
 * error's name and code; never an object.
 */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.search(/: |["'{[]/);
    const wording = cut === -1 ? value : value.slice(0, cut);
    return wording.length <= MAX_CHARS ? wording : `${wording.slice(0, MAX_CHARS)}…`;
  }
  if (value instanceof Error) return errorName(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '[objet]';
}

/** A library's log call as one line Coordo may log: each argument's wording, without data. */
export function libraryMessage(args: readonly unknown[]): string {
  return args.map(describe).join(' ');
}
