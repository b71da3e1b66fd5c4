import type { Capabilities, Platform } from '../../core/capabilities.ts';
import type { Formatter } from '../../core/markup.ts';
import { localId } from '../../core/ids.ts';

/** Markdown characters a user's text must not bring in. */
const MARKDOWN_SPECIAL = /[\\`*_~#>|[\]<@]/g;

/** Mattermost Markdown. A mention is by id (`@<id>` is not a mention: the username is looked up by the adapter where it matters). */
export const mattermostFormat: Formatter = {
  mention: (userId) => `@${localId(userId, 'mattermost')}`,
  channel: (channelId) => `~${channelId}`,
  text: (raw) => raw.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`),
  bold: (text) => `**${text}**`,
};

/** Interactive dialogs cannot be replaced while open and have no date picker; there is no message shortcut. */
export const MATTERMOST_CAPABILITIES: Capabilities = { liveFormUpdate: false, datePicker: false, ephemeralInThread: true, messageShortcut: false };

export const MATTERMOST_PLATFORM: Platform = { capabilities: MATTERMOST_CAPABILITIES, markup: mattermostFormat };

/** How to let Coordo into a channel. */
export const MATTERMOST_INVITE = 'ajoutez-moi au canal (`/invite @coordo`)';
