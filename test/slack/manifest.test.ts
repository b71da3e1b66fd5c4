import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';

/** The parts of Slack's manifest schema Coordo relies on. */
const ManifestSchema = z.object({
  display_information: z.object({ name: z.string().min(1).max(35), description: z.string().max(140) }),
  features: z.object({
    bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    slash_commands: z.array(z.object({ command: z.string().regex(/^\/[a-z0-9_-]+$/), description: z.string().max(2000), usage_hint: z.string().max(1000) })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true) }),
    socket_mode_enabled: z.literal(true),
  }),
});

describe('manifest.yml', () => {
  const manifest = ManifestSchema.parse(parse(fs.readFileSync(path.join(import.meta.dirname, '../../manifest.yml'), 'utf8')));

  it('declares the bot, /coordo, the events and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/coordo']);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im']);
  });

  it('grants the scopes every Web API call of the adapter needs', () => {
    for (const scope of ['app_mentions:read', 'im:history', 'channels:history', 'groups:history', 'chat:write', 'commands', 'reactions:write', 'files:write']) {
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });
});
