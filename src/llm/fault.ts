/** Why a model call was abandoned, for the log line (never the message text). */
export type FaultReason = 'timeout' | 'rate_limited' | 'server_error' | 'http_error' | 'unreachable' | 'malformed' | 'error';

/** Sort a model-call error into a short reason. */
export function classifyFault(error: unknown): FaultReason {
  if (!(error instanceof Error)) return 'error';
  const status = (error as Error & { status?: unknown }).status;
  if (typeof status === 'number') {
    if (status === 429) return 'rate_limited';
    if (status >= 500) return 'server_error';
    return 'http_error';
  }
  if (error.name === 'AbortError' || error.name === 'TimeoutError' || /abort|timed? ?out/i.test(error.message)) return 'timeout';
  if (error.name === 'SyntaxError' || error.name === 'OutputParserException' || error.name === 'ZodError') return 'malformed';
  if (/connection|ECONNREFUSED|ECONNRESET|socket|fetch failed/i.test(`${error.name} ${error.message}`)) return 'unreachable';
  return 'error';
}
