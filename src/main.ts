import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config/env.ts';
import { createCore, indexDir, selectEmbedder } from './app/create-coordo.ts';
import { createLogger } from './log/logger.ts';
import { runAsk } from './adapters/cli/ask.ts';
import { runConsole } from './adapters/cli/console.ts';
import { formatEval, runEval } from './adapters/cli/eval-command.ts';
import { openIndex } from './knowledge/indexer.ts';
import { loadRegistries } from './domain/load.ts';
import { RegistryError, type SkippedLocalFile } from './domain/registry.ts';

const USAGE = `Usage : coordo <commande>
  start                         Slack et/ou Mattermost s'ils sont configurés, sinon la console locale
  ask [--json] "question"       répond à une question
  ask --json --batch            une question par ligne sur l'entrée standard, un objet JSON par ligne
  index                         construit ou met à jour l'index de la base de connaissances
  eval FICHIER.jsonl            évalue un fichier de questions
  bench                         mesures de performance`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv);
  const [command = 'start', ...rest] = positionals;
  dotenv.config({ quiet: true });
  const config = loadConfig();
  // A person at a terminal reads answers, not service logs: warnings only, unless LOG_LEVEL says otherwise.
  const serving = command === 'start' && (config.slack !== undefined || config.mattermost !== undefined);
  const logger = createLogger(process.env.LOG_LEVEL || serving ? config.logLevel : 'warn');

  switch (command) {
    case 'start': {
      if (serving) {
        const { serve } = await import('./app/serve.ts');
        await serve(config, logger);
        return -1; // keeps running
      }
      const core = await createCore(config, { logger, onIndexProgress: progressBar('Indexation') });
      await runConsole(core.engine, { input: process.stdin, output: process.stdout });
      return 0;
    }
    case 'ask': {
      const core = await createCore(config, { logger });
      return runAsk(core.engine, { question: rest.join(' '), json: values.json, batch: values.batch }, {
        stdin: process.stdin,
        write: (s) => process.stdout.write(s),
      });
    }
    case 'index':
      return runIndex(config);
    case 'eval': {
      const file = rest[0];
      if (!file) throw new UsageError('coordo eval : indiquez le fichier de questions (.jsonl).');
      const core = await createCore(config, { logger });
      const run = await runEval(core, file);
      process.stdout.write(formatEval(run) + '\n');
      return 0;
    }
    case 'bench': {
      const { runBench } = await import('./bench/run-bench.ts');
      await runBench(config, (line) => process.stdout.write(line + '\n'));
      return 0;
    }
    case 'bench-part': {
      // Internal: one part of the bench in its own process (src/bench/bench-part.ts).
      const { runBenchPart } = await import('./bench/bench-part.ts');
      await runBenchPart(config, rest[0], rest.slice(1));
      return 0;
    }
    default:
      throw new UsageError(`Commande inconnue : « ${command} ».\n${USAGE}`);
  }
}

async function runIndex(config: Config): Promise<number> {
  reportRegistries(config.knowledgeDir);
  const { index, report } = await openIndex({
    knowledgeDir: config.knowledgeDir,
    indexDir: indexDir(config),
    embedder: await selectEmbedder(config),
    onProgress: progressBar('Indexation'),
  });
  if (!report) {
    const skipped = index.manifest.skipped;
    process.stdout.write(`Index à jour : aucun fichier modifié depuis la dernière indexation (${index.chunks.length} passages).\n`);
    for (const s of skipped) process.stdout.write(`Fichier ignoré : ${s.path} — ${s.reason}\n`);
    return 0;
  }
  process.stdout.write(
    `Index : ${report.files} fichiers (${report.processed} traités, ${report.reused} inchangés), ${report.chunks} passages, ${Math.round(report.ms)} ms.\n`,
  );
  for (const s of report.skipped) process.stdout.write(`Fichier ignoré : ${s.path} — ${s.reason}\n`);
  if (report.rebuiltBecause) process.stdout.write(`Attention : ${report.rebuiltBecause}.\n`);
  return 0;
}

/** What `coordo index` says of the registries: local protocol files left out, with every problem (the index is built anyway). */
function reportRegistries(knowledgeDir: string): void {
  let skippedFiles: SkippedLocalFile[];
  try {
    skippedFiles = loadRegistries(knowledgeDir).skippedLocalFiles;
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    process.stdout.write(`Registres non chargés : ${error.message}\n`);
    return;
  }
  for (const skipped of skippedFiles) {
    process.stdout.write(`Protocoles locaux ignorés : ${skipped.file} (${skipped.problems.length} problème${skipped.problems.length > 1 ? 's' : ''})\n`);
    for (const problem of skipped.problems) process.stdout.write(`  - ${problem}\n`);
  }
}

/** A progress bar on a terminal; nothing when output is piped. */
function progressBar(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} fichiers`, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return (done, total) => {
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    bar.update(done);
    if (done === total) bar.stop();
  };
}

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, batch: { type: 'boolean', default: false } },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const option = error instanceof Error ? /'([^']+)'/.exec(error.message)?.[1] : undefined;
    const problem =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `Option inconnue${option ? ` : « ${option} »` : ''}`
        : `Option mal écrite${option ? ` : « ${option} »` : ''} (les options --json et --batch ne prennent pas de valeur)`;
    throw new UsageError(`${problem}.\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
