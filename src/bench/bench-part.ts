import type { Config } from '../config/env.ts';
import { createCore } from '../app/create-coordo.ts';
import { measureBuild, measureIncremental, measureQuality, measureServe } from './corpus-bench.ts';
import { runSlackBench } from './slack-bench.ts';
import { runLoadProcess } from './slack-load.ts';
import { runMattermostBench } from './mattermost-bench.ts';

/**
 * One part of `npm run bench`, run in a process of its own (`coordo bench-part
 * <name>`) so that its memory and CPU are its own; prints its figures as JSON.
 */
export async function runBenchPart(config: Config, name: string | undefined, args: readonly string[]): Promise<void> {
  const print = (figures: unknown): void => void process.stdout.write(JSON.stringify(figures) + '\n');
  switch (name) {
    case 'build':
      return print(await measureBuild(config));
    case 'incremental':
      return print(await measureIncremental(config));
    case 'serve':
      return print(await measureServe(config, args[0] ?? ''));
    case 'quality':
      return print(await measureQuality(config, args));
    case 'slack':
      return print(await runSlackBench({ engine: (await createCore(config)).engine }));
    case 'mattermost':
      return print(await runMattermostBench((await createCore(config)).engine));
    case 'slack-load':
      return runLoadProcess();
    default:
      throw new Error(`unknown bench part: ${name ?? '(none)'}`);
  }
}
