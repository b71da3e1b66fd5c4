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
