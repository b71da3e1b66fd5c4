import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';

/**
 * A real Node process with the guard of `coordo start`: a rejected promise with
 * no handler and an exception thrown from a callback are logged, and the process
 * goes on (it writes « toujours là » once both were logged, then ends normally).
 */
const SCRIPT = `
const { keepServingOnErrors } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/app/process-guard.js')).href)});
const { createLogger } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/log/logger.js')).href)});
let errors = 0;
const log = createLogger('info', (line) => {
  process.stderr.write(line + '\\n');
  if (++errors === 2) process.stdout.write('toujours là');
});
keepServingOnErrors(log);
Promise.reject(new TypeError('texte de Mme Secretdupont'));
setImmediate(() => { throw new RangeError('texte de Mme Secretdupont'); });
`;

describe('process guard', () => {
  it('logs unhandled rejections and uncaught exceptions by name and keeps the process running', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('toujours là');
    expect(result.stderr).toContain('"event":"process.unhandled_rejection","error":"TypeError"');
    expect(result.stderr).toContain('"event":"process.uncaught_exception","error":"RangeError"');
    expect(result.stderr).not.toContain('Secretdupont');
  });
});
