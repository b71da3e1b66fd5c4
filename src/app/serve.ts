import type { Config } from '../config/env.ts';
import { errorName, type Logger } from '../log/logger.ts';
import { keepServingOnErrors } from './process-guard.ts';

/** A platform being served, until stopped. */
export interface Served {
  stop(): Promise<void>;
}

/**
 * `npm start` with a chat platform configured: Slack, Mattermost, or both in
 * one process, until SIGINT/SIGTERM stops every one of them (exit code 1 if a
 * stop failed).
 */
export async function serve(config: Config, logger: Logger): Promise<void> {
  const served: Served[] = [];
  if (config.slack) {
    const { startSlack } = await import('./start-slack.ts');
    served.push(await startSlack(config, logger));
  }
  if (config.mattermost) {
    const { startMattermost } = await import('./start-mattermost.ts');
    served.push(await startMattermost(config, logger));
  }
  keepServingOnErrors(logger);
  const stop = async (signal: string) => {
    logger.info('process.stopping', { signal });
    let code = 0;
    for (const platform of served) {
      try {
        await platform.stop();
      } catch (error) {
        logger.error('process.stop_failed', { error: errorName(error) });
        code = 1;
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
