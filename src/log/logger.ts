/**
 * Structured logger. Callers pass an event name and metadata (ids, counts,
 * durations) — never message text or anything that could identify a patient.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type Meta = Record<string, string | number | boolean | undefined>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(event: string, meta?: Meta): void;
  info(event: string, meta?: Meta): void;
  warn(event: string, meta?: Meta): void;
  error(event: string, meta?: Meta): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>) => (event: string, meta: Meta = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...meta }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');

/**
 * What may be logged of an error: its name, and the Slack Web API error code
 * when there is one — never its message, which can quote what a user wrote.
 */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { data?: { error?: unknown }; code?: unknown }).data?.error ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name}:${code}` : error.name;
}
