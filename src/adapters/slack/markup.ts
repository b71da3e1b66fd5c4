import type { Capabilities, Platform } from '../../core/capabilities.ts';
import type { Formatter } from '../../core/markup.ts';
import { localId } from '../../core/ids.ts';
import { escapeMrkdwn } from './render.ts';

/** Slack mrkdwn. */
export const slackFormat: Formatter = {
  mention: (userId) => `<@${localId(userId, 'slack')}>`,
  channel: (channelId) => `<#${channelId}>`,
  text: escapeMrkdwn,
  bold: (text) => `*${text}*`,
};

export const SLACK_CAPABILITIES: Capabilities = { liveFormUpdate: true, datePicker: true, ephemeralInThread: true, messageShortcut: true };

export const SLACK_PLATFORM: Platform = { capabilities: SLACK_CAPABILITIES, markup: slackFormat };

/** How to let Coordo into a channel. */
export const SLACK_INVITE = 'invitez-moi avec `/invite @Coordo`';
