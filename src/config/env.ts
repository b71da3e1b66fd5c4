import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (name: string) =>
  optionalString.refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
    message: `${name} doit être une adresse http(s) valide`,
  });

/**
 * Every setting Coordo reads from the environment (or `.env`). Validated once at
 * start; a bad value is reported by name in French and the process exits.
 */
const EnvSchema = z.object({
  COORDO_KNOWLEDGE_DIR: optionalString,
  COORDO_DATA_DIR: optionalString,
  COORDO_DB_PATH: optionalString,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'SLACK_BOT_TOKEN doit commencer par « xoxb- »',
  }),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'SLACK_APP_TOKEN doit commencer par « xapp- »',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url('SLACK_API_URL'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Channel where delegation-request cards are posted (else: DM to the délégué). */
  COORDO_REQUESTS_CHANNEL: optionalString,
  /** Members of each profession group, e.g. `infirmier=U1,U2;masseur-kinesitherapeute=U3`. */
  COORDO_PROFESSION_GROUPS: optionalString,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('OPENAI_BASE_URL'),
  COORDO_CHAT_MODEL: optionalString,
  COORDO_EMBEDDING_MODEL: optionalString,
  COORDO_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(3000),
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
  requestsChannel?: string;
  professionGroups: Record<string, string[]>;
  llm?: LlmConfig;
  /** Fixed day for dated answers (`AAAA-MM-JJ`), else the real date. */
  today?: string;
}

export class ConfigError extends Error {}

function parseGroups(spec: string | undefined): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  if (!spec) return groups;
  for (const part of spec.split(';')) {
    const [name, members] = part.split('=');
    if (!name?.trim() || members === undefined) {
      throw new ConfigError(`COORDO_PROFESSION_GROUPS : « ${part} » n'est pas de la forme profession=U1,U2`);
    }
    groups[name.trim()] = members.split(',').map((m) => m.trim()).filter(Boolean);
  }
  return groups;
}

/** Read and check the configuration. Throws ConfigError with one French line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? '?';
    throw new ConfigError(`Configuration invalide : ${name} — ${issue?.message ?? 'valeur incorrecte'}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.COORDO_DATA_DIR ?? '.coordo');
  const hasSlack = e.SLACK_BOT_TOKEN !== undefined || e.SLACK_APP_TOKEN !== undefined || e.SLACK_SIGNING_SECRET !== undefined;
  let slack: SlackConfig | undefined;
  if (hasSlack) {
    if (!e.SLACK_BOT_TOKEN) throw new ConfigError('Configuration invalide : SLACK_BOT_TOKEN manquant (requis pour Slack)');
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      throw new ConfigError(
        'Configuration invalide : SLACK_SIGNING_SECRET manquant (requis en mode HTTP ; ou SLACK_APP_TOKEN pour le Socket Mode)',
      );
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    };
  }
  if ((e.COORDO_CHAT_MODEL || e.COORDO_EMBEDDING_MODEL) && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    const model = e.COORDO_CHAT_MODEL ? 'COORDO_CHAT_MODEL' : 'COORDO_EMBEDDING_MODEL';
    throw new ConfigError(`Configuration invalide : ${model} est défini sans OPENAI_BASE_URL ni OPENAI_API_KEY (point d'accès du modèle)`);
  }
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
    requestsChannel: e.COORDO_REQUESTS_CHANNEL,
    professionGroups: parseGroups(e.COORDO_PROFESSION_GROUPS),
    llm,
    today: e.COORDO_TODAY,
  };
}
