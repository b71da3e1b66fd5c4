import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { DatabaseOpenError, openDatabase } from '../../src/store/database.ts';
import { runCli } from '../support/cli.ts';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env, '/tmp');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration errors', () => {
  it.each([
    ['PORT', 'http', /PORT doit être un nombre entier de 1 à 65535 \(reçu « http »\)/u],
    ['PORT', '70000', /PORT doit être un nombre entier de 1 à 65535/u],
    ['PORT', '80.5', /PORT doit être un nombre entier/u],
    ['COORDO_LLM_TIMEOUT_MS', '10', /COORDO_LLM_TIMEOUT_MS doit être un nombre entier de 100 à 60000 ms \(reçu « 10 »\)/u],
    ['COORDO_LLM_TIMEOUT_MS', '3 s', /COORDO_LLM_TIMEOUT_MS doit être un nombre entier/u],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL doit valoir debug, info, warn, error, silent \(reçu « verbose »\)/u],
    ['SLACK_API_URL', 'ftp://x', /SLACK_API_URL doit être une adresse http\(s\) valide/u],
    ['OPENAI_BASE_URL', 'pas une adresse', /OPENAI_BASE_URL doit être une adresse http\(s\) valide/u],
    ['SLACK_BOT_TOKEN', 'xoxp-1', /SLACK_BOT_TOKEN doit commencer par « xoxb- »/u],
    ['SLACK_APP_TOKEN', 'abc', /SLACK_APP_TOKEN doit commencer par « xapp- »/u],
    ['COORDO_PROFESSION_GROUPS', 'infirmier', /COORDO_PROFESSION_GROUPS — « infirmier » n'est pas de la forme profession=U1,U2/u],
  ])('names %s=%s in French', (name, value, message) => {
    const problems = problemsOf({ [name]: value, ...(name.startsWith('SLACK') ? { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', [name]: value } : {}) });
    expect(problems.some((p) => p.startsWith(name) && message.test(p))).toBe(true);
    expect(problems.join('\n')).not.toMatch(/Invalid|expected|received/u);
  });

  it('reports every problem at once, one line each', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'bavard', COORDO_LLM_TIMEOUT_MS: '0', SLACK_APP_TOKEN: 'xapp-1', COORDO_CHAT_MODEL: 'm' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['LOG_LEVEL', 'PORT', 'COORDO_LLM_TIMEOUT_MS', 'SLACK_BOT_TOKEN', 'COORDO_CHAT_MODEL']);
    expect(new ConfigError(problems).message).toMatch(/^Configuration invalide \(5 problèmes\) :\n {2}- LOG_LEVEL/u);
  });

  it('checks the Mattermost settings together, one French line per missing or bad one', () => {
    const problems = problemsOf({ MATTERMOST_URL: 'mattermost.local', MATTERMOST_PORT: 'zéro' });
    expect(problems).toEqual([
      'MATTERMOST_URL — MATTERMOST_URL doit être une adresse http(s) valide',
      'MATTERMOST_PORT — MATTERMOST_PORT doit être un nombre entier de 1 à 65535 (reçu « zéro »)',
      expect.stringMatching(/^MATTERMOST_TOKEN manquant \(requis pour Mattermost : jeton d'accès du compte bot\)$/u),
      expect.stringMatching(/^MATTERMOST_CALLBACK_URL manquant \(requis pour Mattermost : adresse à laquelle le serveur Mattermost joint Coordo/u),
      expect.stringMatching(/^MATTERMOST_COMMAND_TOKEN manquant \(requis pour Mattermost : jeton de la commande slash \/coordo\)$/u),
    ]);
    expect(problemsOf({ MATTERMOST_TOKEN: 'x' }).map((p) => p.split(' ')[0])).toEqual(['MATTERMOST_URL', 'MATTERMOST_CALLBACK_URL', 'MATTERMOST_COMMAND_TOKEN']);
  });

  it('reads a complete Mattermost configuration (default port 3001), alone or with Slack on another port', () => {
    const mattermost = { MATTERMOST_URL: 'https://mm.exemple.fr/', MATTERMOST_TOKEN: 'tok', MATTERMOST_CALLBACK_URL: 'http://coordo:3001/', MATTERMOST_COMMAND_TOKEN: 'cmd' };
    expect(loadConfig(mattermost, '/tmp').mattermost).toEqual({ url: 'https://mm.exemple.fr', token: 'tok', port: 3001, callbackUrl: 'http://coordo:3001', commandToken: 'cmd' });
    const both = loadConfig({ ...mattermost, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, '/tmp');
    expect(both.slack?.port).toBe(3000);
    expect(both.mattermost?.port).toBe(3001);
    expect(problemsOf({ ...mattermost, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '3001' })).toEqual([
      'MATTERMOST_PORT — le port 3001 est déjà celui de Slack (PORT) : choisissez-en un autre',
    ]);
  });

  it('accepts empty values as defaults and an upper-case log level', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: 'DEBUG', COORDO_LLM_TIMEOUT_MS: ' ' }, '/tmp');
    expect(config.logLevel).toBe('debug');
  });

  it('names the database file when it cannot be opened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-db-'));
    const notADir = path.join(dir, 'fichier');
    fs.writeFileSync(notADir, '');
    const file = path.join(notADir, 'coordo.sqlite');
    expect(() => openDatabase(file, [])).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file, [])).toThrow(`Base de données impossible à ouvrir : ${file}`);
  });

  it('prints all problems and exits non-zero from the command line', async () => {
    const result = await runCli(['ask', 'cpts'], { env: { PORT: 'quatre', LOG_LEVEL: 'tout' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/LOG_LEVEL doit valoir/u);
    expect(result.stderr).toMatch(/PORT doit être un nombre entier/u);
  });
});
