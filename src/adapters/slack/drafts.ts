import { z } from 'zod';
import type { App, BlockAction, ButtonAction, RespondFn, StaticSelectAction } from '@slack/bolt';
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { checkText } from '../../engine/engine.ts';
import { IncomingMessageSchema } from '../../engine/message.ts';
import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { slackErrorCode } from './errors.ts';
import type { Db } from '../../store/database.ts';
import type { Author, Draft } from '../../workflows/drafts/draft.ts';
import type { DraftHandler } from '../../workflows/drafts/handler.ts';
import type { ModelSection } from '../../workflows/drafts/model.ts';
import { DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION, DRAFT_USE_PROPOSAL_ACTION, PROPOSAL_LABEL } from '../../workflows/drafts/replies.ts';
import { MAX_SECTION_TEXT } from '../../workflows/drafts/service.ts';
import type { DraftWorkflow } from '../../workflows/drafts/workflow.ts';
import { EventDedup } from '../../store/handled-events.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { plainText } from './message-text.ts';
import { slackDraftPeople } from './drafts-people.ts';
import { escapeMrkdwn, renderReply } from './render.ts';
import { truncate } from '../../text/truncate.ts';
import { parseJson } from '../../text/parse-json.ts';
import { withDeleteAdvice } from '../../core/reply-effect.ts';
import { openView } from './single-attempt.ts';

/** Modal of one section, and the section picker inside it. */
export const DRAFT_FORM_CALLBACK = 'coordo_draft_form';
export const DRAFT_SECTION_SELECT = 'coordo_draft_section';
/** « Proposer un texte » inside the section form (only with a chat model). */
export const DRAFT_PROPOSE_ACTION = 'coordo_draft_propose';
const SECTION_BLOCK = 'draft_section';
/** The text input's block id carries the section id (a new id per section resets the input). */
const TEXT_BLOCK_PREFIX = 'draft_text_';
const TEXT_ACTION = 'text';
const PROPOSE_BLOCK = 'draft_propose';

const MetadataSchema = z.object({ draftId: z.number().int().positive(), channelId: z.string().min(1) });
type Metadata = z.infer<typeof MetadataSchema>;

/** A plain user reply in a channel thread (mentions go through app_mention). */
const ThreadReplySchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string(),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

const SubmissionValuesSchema = z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose()));

/** What the « Reprendre dans le formulaire » button carries back (see ProposalValue). */
const ProposalValueSchema = z.object({
  draftId: z.number().int().positive(),
  sectionId: z.string().min(1),
  text: z.string().trim().min(1).max(MAX_SECTION_TEXT),
});

interface SectionModalOptions {
  /** Text proposed by the model, put in the input instead of the saved text. */
  proposal?: string;
  /** A line shown above the input. */
  note?: string;
  /**
   * Action id of the text input. Slack keeps what an input holds across a
   * views.update when its ids stay the same: a new id puts a proposal in.
   */
  textAction?: string;
}

/** The text input of a form's section block, whatever its action id, and what it holds. */
function textElement(values: unknown, blockId: string): { actionId: string; text?: string } | undefined {
  const parsed = SubmissionValuesSchema.safeParse(values);
  const [entry] = parsed.success ? Object.entries(parsed.data[blockId] ?? {}) : [];
  return entry ? { actionId: entry[0], text: entry[1].value ?? undefined } : undefined;
}

const PROPOSAL_NOTE = `*${PROPOSAL_LABEL}* : relisez-la, complétez les passages entre crochets, puis cliquez sur « Enregistrer ».`;
const PROPOSING_NOTE = '_Rédaction d’une proposition en cours…_';

export interface DraftsFeatureDeps {
  workflow: DraftWorkflow;
  handler: DraftHandler;
  /** The database the Slack app was created with (its dedup table). */
  db: Db;
  logger: Logger;
}

const NOT_FOUND = "Je ne retrouve pas ce brouillon de protocole dans ce canal : rouvrez-le depuis son fil, ou commencez-en un avec `/coordo protocole <titre>`.";

const START_FAILED = "Le brouillon n'a pas pu être ouvert à cause d'une erreur technique. Réessayez dans un instant.";

const FORM_NOT_OPENED = "Le formulaire n'a pas pu s'ouvrir à cause d'une erreur technique. Réessayez dans un instant.";
const FORM_TOO_LATE = "Le formulaire n'a pas pu s'ouvrir à temps : cliquez à nouveau sur le bouton.";
const FORM_NOT_UPDATED = "Je n'ai pas pu afficher cette section dans le formulaire (erreur technique) : fermez-le, puis rouvrez-le avec « Remplir une section ».";

/** What to tell the user when views.open failed (the error is logged by name only). */
function formNotOpened(error: unknown): string {
  return slackErrorCode(error) === 'expired_trigger_id' ? FORM_TOO_LATE : FORM_NOT_OPENED;
}

/**
 * Protocol drafts on Slack: `/coordo protocole <titre>` posts a root message and
 * opens the draft in its thread; « Remplir une section » opens a form per
 * section (pre-filled with the current text); « Exporter » posts the Markdown
 * and Word files in the thread; plain replies in a draft thread fill sections
 * without mentioning Coordo.
 */
export function draftsFeature({ workflow, handler, db, logger }: DraftsFeatureDeps): SlackFeature {
  const { service } = workflow;
  const model = service.model;

  /** A reply in the draft's thread; an ephemeral one (a refusal) only to `user`. */
  async function postInThread(client: WebClient, reply: Reply, channel: string, threadTs: string, user: string): Promise<void> {
    if (reply.ephemeral) {
      await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, ...renderReply(reply) });
      return;
    }
    await client.chat.postMessage({ channel, thread_ts: threadTs, unfurl_links: false, unfurl_media: false, ...renderReply(reply) });
    for (const file of reply.files ?? []) {
      await client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, file: file.content, filename: file.name, title: file.name });
    }
  }

  function sectionOption(section: ModelSection, index: number, filled: ReadonlySet<string>): PlainTextOption {
    const mark = filled.has(section.id) ? '✅' : '⬜';
    return { text: { type: 'plain_text', text: truncate(`${mark} ${index + 1}. ${section.label}`, 75) }, value: section.id };
  }

  function sectionModal(draft: Draft, section: ModelSection, extra: SectionModalOptions = {}): ModalView {
    const snapshot = service.snapshot(draft);
    const filled = new Set(snapshot.sections.keys());
    const options = model.sections.map((s, i) => sectionOption(s, i, filled));
    const current = extra.proposal ?? snapshot.sections.get(section.id)?.revision.text;
    const metadata: Metadata = { draftId: draft.id, channelId: draft.key.channelId };
    const blocks: KnownBlock[] = [
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`Brouillon : *${draft.title.replace(/[*<>&]/g, ' ')}*`, 3000) }] },
      {
        type: 'actions',
        block_id: SECTION_BLOCK,
        elements: [
          {
            type: 'static_select',
            action_id: DRAFT_SECTION_SELECT,
            placeholder: { type: 'plain_text', text: 'Choisir une section' },
            options,
            initial_option: options[model.sections.indexOf(section)],
          },
        ],
      },
      ...(extra.note ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(extra.note, 3000) }] }] : []),
      {
        type: 'input',
        block_id: `${TEXT_BLOCK_PREFIX}${section.id}`,
        label: { type: 'plain_text', text: truncate(section.label, 2000) },
        hint: { type: 'plain_text', text: truncate(section.help, 2000) },
        element: {
          type: 'plain_text_input',
          action_id: extra.textAction ?? TEXT_ACTION,
          multiline: true,
          max_length: MAX_SECTION_TEXT,
          ...(current ? { initial_value: current } : {}),
        },
      },
    ];
    if (workflow.canPropose) {
      blocks.push({
        type: 'actions',
        block_id: PROPOSE_BLOCK,
        elements: [{ type: 'button', action_id: DRAFT_PROPOSE_ACTION, text: { type: 'plain_text', text: 'Proposer un texte' }, value: section.id }],
      });
    }
    return {
      type: 'modal',
      callback_id: DRAFT_FORM_CALLBACK,
      private_metadata: JSON.stringify(metadata),
      title: { type: 'plain_text', text: 'Protocole local' },
      submit: { type: 'plain_text', text: 'Enregistrer' },
      close: { type: 'plain_text', text: 'Annuler' },
      blocks,
    };
  }

  /** The draft named by a modal's metadata, still in the channel the modal came from. */
  function draftOfView(privateMetadata: string | undefined): Draft | null {
    const parsed = MetadataSchema.safeParse(parseJson(privateMetadata));
    return parsed.success ? service.findInChannel(parsed.data.draftId, 'slack', parsed.data.channelId) : null;
  }

  /** The draft a button belongs to: its value is a draft id, accepted only from that draft's channel. */
  function draftOfButton(body: BlockAction, value: string | undefined): Draft | null {
    const id = Number(value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!Number.isInteger(id) || id <= 0 || !channel) return null;
    return service.findInChannel(id, 'slack', channel);
  }

  /**
   * A reply in the draft's thread; when an export's files do not get through,
   * the export is released (« exporter » works again) and `tell` warns the asker.
   */
  async function deliverInThread(client: WebClient, reply: Reply, draft: Draft, user: string, tell: (text: string) => Promise<unknown>): Promise<void> {
    try {
      await postInThread(client, reply, draft.key.channelId, draft.key.threadId, user);
    } catch (error) {
      if (!reply.files?.length) throw error;
      logger.warn('drafts.export_not_delivered', { draftId: draft.id, error: errorName(error) });
      await tell(workflow.exportFailed(reply).text);
    }
  }

  async function startFromCommand(ctx: SlashContext): Promise<void> {
    const title = ctx.args.trim();
    const author: Author = { userId: ctx.userId };
    // Checked once, before anything is posted: a refused start leaves nothing in the channel.
    const check = await workflow.checkStart(title, author);
    if (!check.ok) {
      await ctx.respond({ response_type: 'ephemeral', ...renderReply(check.reply) });
      return;
    }
    let rootTs: string;
    try {
      // Written in mrkdwn here (not through renderReply, which escapes « < »): the mention names who started it.
      const text = `📝 *Protocole local en préparation : ${escapeMrkdwn(title)}*\n\nLancé par <@${ctx.userId}>. L’équipe le rédige dans le fil de ce message.`;
      const root = await ctx.client.chat.postMessage({
        channel: ctx.channelId,
        text: truncate(text, 3000),
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
      });
      if (!root.ts) throw new Error('no ts');
      rootTs = root.ts;
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('drafts.root_post_failed', { channel: ctx.channelId, error: errorName(error) });
      const text =
        code === 'not_in_channel' || code === 'channel_not_found'
          ? 'Je ne peux pas écrire dans ce canal : invitez-moi avec `/invite @Coordo`, puis relancez `/coordo protocole <titre>`.'
          : START_FAILED;
      await ctx.respond({ response_type: 'ephemeral', text });
      return;
    }
    let started: Awaited<ReturnType<typeof check.open>>;
    try {
      started = await check.open({ platform: 'slack', channelId: ctx.channelId, threadId: rootTs });
    } catch (error) {
      logger.warn('drafts.start_failed', { channel: ctx.channelId, error: errorName(error) });
      started = { draft: null, reply: textReply('error', START_FAILED) };
    }
    const { draft, reply } = started;
    if (!draft) {
      // No draft behind the root message: take it back rather than leave an empty « en préparation » in the channel.
      await ctx.client.chat.delete({ channel: ctx.channelId, ts: rootTs }).catch((error: unknown) => {
        logger.warn('drafts.root_delete_failed', { channel: ctx.channelId, error: errorName(error) });
      });
      await ctx.respond({ response_type: 'ephemeral', ...renderReply(reply) });
      return;
    }
    await postInThread(ctx.client, reply, ctx.channelId, rootTs, ctx.userId);
    logger.info('drafts.started', { draftId: draft.id, platform: 'slack' });
    await ctx.respond({ response_type: 'ephemeral', text: `Brouillon « ${escapeMrkdwn(title)} » ouvert : la suite se passe dans le fil du message que je viens de poster.` });
  }

  return {
    name: 'drafts',
    filesNotDelivered: (reply) => (workflow.holdsExport(reply) ? workflow.exportFailed(reply) : null),
    help: ['`/coordo protocole <titre>` : rédiger un protocole local de coopération dans un fil (puis « état », « exporter »)'],
    subcommands: { protocole: startFromCommand },
    register(app: App) {
      // Created here: the Slack app has migrated its tables (handled_events) before registering features.
      const dedup = new EventDedup(db);
      // The engine's draft handler shares this workflow: guests are refused there too, and names are resolved.
      workflow.usePeople(slackDraftPeople(app.client, logger));
      app.message(async ({ message, body, client, context }) => {
        const parsed = ThreadReplySchema.safeParse(message);
        if (!parsed.success) return;
        const event = parsed.data;
        // Plain user replies in channel threads; direct messages go through the questions feature.
        if (event.channel_type === 'im' || event.bot_id !== undefined || event.subtype !== undefined) return;
        if (context.botUserId && event.text.includes(`<@${context.botUserId}>`)) return; // answered as app_mention
        const input = IncomingMessageSchema.safeParse({
          text: plainText(event.text, context.botUserId).trim(),
          conversation: { platform: 'slack', userId: event.user, channelId: event.channel, threadId: event.thread_ts },
        });
        if (!input.success || checkText(input.data.text) !== null) return;
        const draft = service.find({ platform: 'slack', channelId: event.channel, threadId: event.thread_ts });
        if (!draft) return;
        if (!dedup.claim(`draft-reply:${event.channel}:${event.ts}`, body.event_id)) return;
        const handled = await handler.handleThreadReply(input.data);
        if (!handled) return;
        // A refused identifier stays visible in the channel's thread: its author is told to delete the message.
        const reply = withDeleteAdvice(handled, event.text);
        await deliverInThread(client, reply, draft, event.user, (text) =>
          client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: event.thread_ts, text }),
        );
      });

      /** A section form for a team member (guests are refused); a form Slack will not open is explained. */
      async function openSectionForm(args: {
        client: WebClient;
        respond: RespondFn;
        userId: string;
        triggerId: string;
        draft: Draft;
        view: ModalView;
        from: 'button' | 'proposal';
      }): Promise<void> {
        const { client, respond, draft } = args;
        const refused = await workflow.writeRefusal(args.userId);
        if (refused) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: refused.text });
          return;
        }
        try {
          await openView(client, { trigger_id: args.triggerId, view: args.view });
        } catch (error) {
          logger.warn('drafts.form_open_failed', { draftId: draft.id, error: errorName(error) });
          await respond({ response_type: 'ephemeral', replace_original: false, text: formNotOpened(error) });
          return;
        }
        logger.info('drafts.form_opened', { draftId: draft.id, from: args.from });
      }

      app.action<BlockAction<ButtonAction>>(DRAFT_FILL_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        const draft = draftOfButton(body, action.value);
        if (!draft) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_FOUND });
          return;
        }
        const report = service.check(service.snapshot(draft));
        const first = report.missing[0] ?? model.sections[0];
        if (first) await openSectionForm({ client, respond, userId: body.user.id, triggerId: body.trigger_id, draft, view: sectionModal(draft, first), from: 'button' });
      });

      app.action<BlockAction<StaticSelectAction>>(DRAFT_SECTION_SELECT, async ({ ack, body, action, client }) => {
        await ack();
        const draft = draftOfView(body.view?.private_metadata);
        const section = model.byId.get(action.selected_option.value);
        if (!draft || !section || !body.view) return;
        const { channelId, threadId } = draft.key;
        const refused = await workflow.writeRefusal(body.user.id);
        if (refused) {
          await client.chat.postEphemeral({ channel: channelId, user: body.user.id, thread_ts: threadId, text: refused.text });
          return;
        }
        try {
          await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: sectionModal(draft, section) });
        } catch (error) {
          logger.warn('drafts.form_update_failed', { draftId: draft.id, error: errorName(error) });
          await client.chat.postEphemeral({ channel: channelId, user: body.user.id, thread_ts: threadId, text: FORM_NOT_UPDATED });
        }
      });

      // « Reprendre dans le formulaire » under a proposal: the section form, pre-filled with it (saved only on « Enregistrer »).
      app.action<BlockAction<ButtonAction>>(DRAFT_USE_PROPOSAL_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        const value = ProposalValueSchema.safeParse(parseJson(action.value));
        const draft = value.success ? draftOfButton(body, String(value.data.draftId)) : null;
        const section = value.success ? model.byId.get(value.data.sectionId) : undefined;
        if (!value.success || !draft || !section) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_FOUND });
          return;
        }
        const view = sectionModal(draft, section, { proposal: value.data.text, note: PROPOSAL_NOTE });
        await openSectionForm({ client, respond, userId: body.user.id, triggerId: body.trigger_id, draft, view, from: 'proposal' });
      });

      // « Proposer un texte » in the form: the model's text replaces the input, labelled as a proposal; nothing stored.
      app.action<BlockAction<ButtonAction>>(DRAFT_PROPOSE_ACTION, async ({ ack, body, action, client }) => {
        await ack();
        const view = body.view;
        const draft = draftOfView(view?.private_metadata);
        const section = model.byId.get(action.value ?? '');
        if (!view || !draft || !section) return;
        const refused = await workflow.writeRefusal(body.user.id);
        if (refused) {
          await client.chat.postEphemeral({ channel: draft.key.channelId, user: body.user.id, thread_ts: draft.key.threadId, text: refused.text });
          return;
        }
        // Same input ids while waiting (and when nothing comes): what the user typed stays.
        const input = textElement(view.state?.values, `${TEXT_BLOCK_PREFIX}${section.id}`);
        const keep = { textAction: input?.actionId };
        try {
          const waiting = await client.views.update({ view_id: view.id, hash: view.hash, view: sectionModal(draft, section, { ...keep, note: PROPOSING_NOTE }) });
          const text = await workflow.proposal(draft, section, input?.text);
          logger.info('drafts.proposal', { draftId: draft.id, section: section.id, proposed: text !== null });
          const next =
            text === null
              ? sectionModal(draft, section, { ...keep, note: `Aucune proposition disponible pour le moment. Ce que la section doit contenir : ${section.help}` })
              : sectionModal(draft, section, { proposal: text, note: PROPOSAL_NOTE, textAction: `${TEXT_ACTION}_${Date.now().toString(36)}` });
          await client.views.update({ view_id: view.id, ...(waiting.view?.hash ? { hash: waiting.view.hash } : {}), view: next });
        } catch (error) {
          // Closed, or changed by the user meanwhile (hash_conflict): nothing to show.
          logger.info('drafts.proposal_not_shown', { draftId: draft.id, error: errorName(error) });
        }
      });

      app.action<BlockAction<ButtonAction>>(DRAFT_EXPORT_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        const draft = draftOfButton(body, action.value);
        if (!draft) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_FOUND });
          return;
        }
        logger.info('drafts.command', { draftId: draft.id, command: 'export', addressed: true });
        const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
        let reply: Reply;
        try {
          reply = await workflow.export(draft, { userId: body.user.id });
        } catch (error) {
          logger.warn('drafts.export_failed', { draftId: draft.id, error: errorName(error) });
          await tell(workflow.exportFailed().text);
          return;
        }
        await deliverInThread(client, reply, draft, body.user.id, tell);
      });

      app.view(DRAFT_FORM_CALLBACK, async ({ ack, body, view, client }) => {
        const draft = draftOfView(view.private_metadata);
        const values = SubmissionValuesSchema.safeParse(view.state.values);
        const blockId = values.success ? Object.keys(values.data).find((id) => id.startsWith(TEXT_BLOCK_PREFIX)) : undefined;
        const section = blockId ? model.byId.get(blockId.slice(TEXT_BLOCK_PREFIX.length)) : undefined;
        if (!draft || !values.success || !blockId || !section) {
          await ack({ response_action: 'errors', errors: { [blockId ?? SECTION_BLOCK]: NOT_FOUND } });
          return;
        }
        const text = textElement(view.state.values, blockId)?.text ?? '';
        // Answered at once, without asking Slack anything (Slack wants it within 3 s): rights were checked when the form
        // opened, and are checked again below, after the answer; a refusal then comes as a message only the user sees.
        const problem = service.sectionTextProblem(section, text);
        if (problem) {
          await ack({ response_action: 'errors', errors: { [blockId]: truncate(problem, 2000) } });
          return;
        }
        await ack();
        // A form sent again (Slack showed an error, the user clicked once more) stores no second revision.
        if (!dedup.claim(`draft-form:${view.id}`)) {
          logger.info('drafts.form_resubmitted', { draftId: draft.id });
          return;
        }
        const author: Author = { userId: body.user.id, ...(body.user.name ? { userName: body.user.name } : {}) };
        const reply = await workflow.fill(draft, section, text, author);
        logger.info('drafts.command', { draftId: draft.id, command: 'fill', addressed: true });
        await postInThread(client, reply, draft.key.channelId, draft.key.threadId, body.user.id);
      });
    },
  };
}
