import path from 'node:path';
import { z } from 'zod';
import { parseProfessionGroups, type ProfessionGroupsConfig } from './profession-groups.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (name: string) =>
  optionalString.refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
    message: `${name} doit être une adresse http(s) valide`,
  });

/** An integer setting within bounds, with its French message (an empty value takes the default). */
const integer = (name: string, min: number, max: number, fallback: number, unit = '') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (/^-?\d+$/.test(v) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `${name} doit être un nombre entier de ${min} à ${max}${unit} (reçu « ${v} »)` });
      return z.NEVER;
    });

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const prefixed = (name: string, prefix: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), { message: `${name} doit commencer par « ${prefix} »` });

/**
 * Every setting Coordo reads from the environment (or `.env`). Validated once at
 * start; every bad value is reported by name in French, all at once, and the process exits.
 */
const EnvSchema = z.object({
  COORDO_KNOWLEDGE_DIR: optionalString,
  COORDO_DATA_DIR: optionalString,
  COORDO_DB_PATH: optionalString,
  LOG_LEVEL: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 'info' as const;
      const level = LOG_LEVELS.find((l) => l === v.toLowerCase());
      if (level) return level;
      ctx.addIssue({ code: 'custom', message: `LOG_LEVEL doit valoir ${LOG_LEVELS.join(', ')} (reçu « ${v} »)` });
      return z.NEVER;
    }),

  SLACK_BOT_TOKEN: prefixed('SLACK_BOT_TOKEN', 'xoxb-'),
  SLACK_APP_TOKEN: prefixed('SLACK_APP_TOKEN', 'xapp-'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url('SLACK_API_URL'),
  PORT: integer('PORT', 1, 65535, 3000),
  /** Channel where delegation-request cards are posted (else: DM to the délégué). */
  COORDO_REQUESTS_CHANNEL: optionalString,
  /** Members of each profession group, e.g. `infirmier=U1,U2;masseur-kinesitherapeute=U3`. */
  COORDO_PROFESSION_GROUPS: optionalString,

  /** Mattermost server address, e.g. `https://mattermost.exemple.fr` (with MATTERMOST_TOKEN: starts the Mattermost adapter). */
  MATTERMOST_URL: url('MATTERMOST_URL'),
  /** The bot account's access token. */
  MATTERMOST_TOKEN: optionalString,
  /** Where Coordo listens for Mattermost's callbacks (slash command, buttons, dialogs). */
  MATTERMOST_PORT: integer('MATTERMOST_PORT', 1, 65535, 3001),
  /** The address at which the Mattermost server reaches that listener. */
  MATTERMOST_CALLBACK_URL: url('MATTERMOST_CALLBACK_URL'),
  /** The `/coordo` slash command's token. */
  MATTERMOST_COMMAND_TOKEN: optionalString,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('OPENAI_BASE_URL'),
  COORDO_CHAT_MODEL: optionalString,
  COORDO_EMBEDDING_MODEL: optionalString,
  COORDO_LLM_TIMEOUT_MS: integer('COORDO_LLM_TIMEOUT_MS', 100, 60000, 3000, ' ms'),
  /** Day the answers are worded for (dated facts), `AAAA-MM-JJ`; default: the real date. For tests and demonstrations. */
  COORDO_TODAY: optionalString.refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`))), {
    message: 'COORDO_TODAY doit être une date AAAA-MM-JJ',
  }),
});
type Env = z.infer<typeof EnvSchema>;

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
}

export interface MattermostConfig {
  /** Server address, without a trailing slash. */
  url: string;
  token: string;
  port: number;
  /** Base of every integration and dialog URL Coordo gives Mattermost, without a trailing slash. */
  callbackUrl: string;
  commandToken: string;
}

export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  chatModel?: string;
  embeddingModel?: string;
  timeoutMs: number;
}

export interface Config {
  knowledgeDir: string;
  dataDir: string;
  dbPath: string;
  logLevel: Env['LOG_LEVEL'];
  slack?: SlackConfig;
  mattermost?: MattermostConfig;
  requestsChannel?: string;
  /** Profession id → platform-qualified ids of its members. */
  professionGroups: ProfessionGroupsConfig;
  llm?: LlmConfig;
  /** Fixed day for dated answers (`AAAA-MM-JJ`), else the real date. */
  today?: string;
}

/** Every problem of the configuration, one French line each. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Configuration invalide : ${problems[0]}`
        : `Configuration invalide (${problems.length} problèmes) :\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

const MATTERMOST_REQUIRED = {
  MATTERMOST_URL: "adresse du serveur Mattermost, par exemple https://mattermost.exemple.fr",
  MATTERMOST_TOKEN: "jeton d'accès du compte bot",
  MATTERMOST_CALLBACK_URL: 'adresse à laquelle le serveur Mattermost joint Coordo, par exemple http://coordo.interne:3001',
  MATTERMOST_COMMAND_TOKEN: 'jeton de la commande slash /coordo',
} as const;

const CROSS_CHECKED = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'COORDO_CHAT_MODEL',
  'COORDO_EMBEDDING_MODEL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  ...(Object.keys(MATTERMOST_REQUIRED) as (keyof typeof MATTERMOST_REQUIRED)[]),
] as const;
type CrossChecked = Partial<Record<(typeof CROSS_CHECKED)[number], string>>;

/** The problems no single variable shows: Slack and model settings that need each other (set = non-empty). */
function crossProblems(e: CrossChecked): string[] {
  const problems: string[] = [];
  const hasSlack = e.SLACK_BOT_TOKEN !== undefined || e.SLACK_APP_TOKEN !== undefined || e.SLACK_SIGNING_SECRET !== undefined;
  if (hasSlack && !e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN manquant (requis pour Slack)');
  if (hasSlack && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET manquant (requis en mode HTTP ; ou SLACK_APP_TOKEN pour le Socket Mode)');
  }
  if ((e.COORDO_CHAT_MODEL || e.COORDO_EMBEDDING_MODEL) && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    const model = e.COORDO_CHAT_MODEL ? 'COORDO_CHAT_MODEL' : 'COORDO_EMBEDDING_MODEL';
    problems.push(`${model} est défini sans OPENAI_BASE_URL ni OPENAI_API_KEY (point d'accès du modèle)`);
  }
  // Mattermost: any of its settings asks for all four (the port has a default).
  const mattermost = Object.keys(MATTERMOST_REQUIRED) as (keyof typeof MATTERMOST_REQUIRED)[];
  if (mattermost.some((name) => e[name] !== undefined)) {
    for (const name of mattermost) if (!e[name]) problems.push(`${name} manquant (requis pour Mattermost : ${MATTERMOST_REQUIRED[name]})`);
  }
  return problems;
}

/** Read and check the configuration. Throws ConfigError naming every bad variable, in French. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // The variables that parsed are checked too, so that one run lists everything to fix.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '?'} — ${issue.message}`);
    const given: CrossChecked = Object.fromEntries(CROSS_CHECKED.flatMap((name) => (env[name]?.trim() ? [[name, env[name].trim()]] : [])));
    throw new ConfigError([...problems, ...crossProblems(given)]);
  }
  const e = parsed.data;
  const problems = crossProblems(e);
  if (e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN && e.MATTERMOST_URL && e.PORT === e.MATTERMOST_PORT) {
    problems.push(`MATTERMOST_PORT — le port ${e.MATTERMOST_PORT} est déjà celui de Slack (PORT) : choisissez-en un autre`);
  }
  const professionGroups = parseProfessionGroups(e.COORDO_PROFESSION_GROUPS, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(cwd, e.COORDO_DATA_DIR ?? '.coordo');
  const slack: SlackConfig | undefined =
    e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)
      ? { botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL, port: e.PORT }
      : undefined;
  const mattermost: MattermostConfig | undefined =
    e.MATTERMOST_URL && e.MATTERMOST_TOKEN && e.MATTERMOST_CALLBACK_URL && e.MATTERMOST_COMMAND_TOKEN
      ? {
          url: e.MATTERMOST_URL.replace(/\/+$/, ''),
          token: e.MATTERMOST_TOKEN,
          port: e.MATTERMOST_PORT,
          callbackUrl: e.MATTERMOST_CALLBACK_URL.replace(/\/+$/, ''),
          commandToken: e.MATTERMOST_COMMAND_TOKEN,
        }
      : undefined;
  const llm: LlmConfig | undefined =
    e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? {
          apiKey: e.OPENAI_API_KEY ?? 'not-needed',
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.COORDO_CHAT_MODEL,
          embeddingModel: e.COORDO_EMBEDDING_MODEL,
          timeoutMs: e.COORDO_LLM_TIMEOUT_MS,
        }
      : undefined;
  return {
    knowledgeDir: path.resolve(cwd, e.COORDO_KNOWLEDGE_DIR ?? 'knowledge'),
    dataDir,
    dbPath: path.resolve(cwd, e.COORDO_DB_PATH ?? path.join(dataDir, 'coordo.sqlite')),
    logLevel: e.LOG_LEVEL,
    slack,
    mattermost,
    requestsChannel: e.COORDO_REQUESTS_CHANNEL,
    professionGroups,
    llm,
    today: e.COORDO_TODAY,
  };
}
