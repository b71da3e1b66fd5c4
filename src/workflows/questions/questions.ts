import crypto from 'node:crypto';
import type { Effect } from '../../core/effect.ts';
import { qualify, userOf } from '../../core/ids.ts';
import type { Actor } from '../../core/interaction.ts';
import type { CoreFeature, Handler } from '../../core/router.ts';
import type { Engine } from '../../engine/engine.ts';
import { isHelpRequest } from '../../engine/help-handler.ts';
import type { Platform } from '../../engine/message.ts';
import { textReply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { AnswerStore } from '../../store/answers.ts';
import type { FeedbackStore } from '../../store/feedback.ts';
import type { SqliteOutbox } from '../../store/outbox.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { AnswerDesk } from './desk.ts';
import { feedbackInteractions } from './feedback.ts';
import { helpText } from './help.ts';

/** « Partager dans le canal » under an answer only its asker sees: its value is the stored answer's id. */
export const ACTION_SHARE = 'coordo_share';
/** A « Voulez-vous dire » button: its value is the question to ask. */
export const ACTION_ASK_SUGGESTION = 'coordo_ask_suggestion';

/** After a share Coordo could not post: in a channel it may not write in (see notInChannel), or else. */
export const SHARE_AGAIN = 'cliquez à nouveau sur « Partager dans le canal »';
export const SHARE_FAILED = "Le partage a échoué à cause d'une erreur technique. Réessayez dans un instant.";

export const ERROR_TEXT = "Désolé, je n'ai pas pu répondre à cause d'une erreur technique. Réessayez dans un instant.";

/** A question's key: one answer per message of a platform's conversation. */
const questionKey = (platform: Platform, conversationId: string, messageId: string): string => `${qualify(platform, conversationId)}:${messageId}`;

export interface QuestionsDeps {
  engine: Engine;
  answers: AnswerStore;
  feedback: FeedbackStore;
  /** The app's outbox: answers are written there with the question's « answered » mark. */
  outbox: SqliteOutbox;
  logger: Logger;
  /** The help lines of every feature, for `/coordo aide` (read when asked: the router is built after this feature). */
  helpLines: () => readonly string[];
}

export interface Questions {
  feature: CoreFeature;
  desk: AnswerDesk;
  /** The questions of `platform` a crash left acknowledged but unanswered, oldest first: read them again and route them as messages. */
  left(platform: Platform): QuestionRef[];
  /**
   * Those questions, each read again from the platform (`read`: undefined when it cannot be, left pending for a
   * platform retry or the next start) and asked again (`ask`), oldest first.
   */
  answerLeft<T>(platform: Platform, read: (question: QuestionRef) => Promise<T | undefined>, ask: (question: QuestionRef, found: T) => Promise<void>): Promise<void>;
}

const say = (text: string): Effect => ({ kind: 'reply', visibility: 'private', text });

/**
 * Questions and their answers as a router feature, whatever the platform: a
 * message addressed to Coordo is answered once in its thread (with the thread
 * as context) through the outbox; `/coordo <question>` and `/coordo aide` are
 * answered to the asker alone; an answer only its asker saw may be shared in
 * its channel; a « Voulez-vous dire » button asks its question; 👍/👎 are votes.
 */
export function createQuestions(deps: QuestionsDeps): Questions {
  const { engine, logger } = deps;
  const desk = new AnswerDesk(deps.answers, deps.outbox);
  const votes = feedbackInteractions(deps);

  const message: Handler<'message'> = async ({ actor, text, message: where, eventId, retry }) => {
    const { platform } = actor;
    const channel = where.conversationId;
    const key = questionKey(platform, channel, where.messageId);
    const question: QuestionRef = { channel, ts: where.messageId, ...(where.threadId ? { threadTs: where.threadId } : {}), userId: userOf(actor), direct: where.direct };
    if (!desk.claim(key, question, eventId)) {
      logger.info(`${platform}.duplicate_ignored`, { channel, eventId, retry });
      return [];
    }
    // In a 1:1 direct message the conversation is the thread; elsewhere Coordo answers in the message's thread.
    const threadId = where.threadId ?? (where.direct ? undefined : where.messageId);
    const started = Date.now();
    try {
      const history = where.threadId || where.direct ? await where.history() : [];
      const reply = await engine.handle({ text, conversation: { platform, userId: actor.userId, channelId: channel, ...(threadId ? { threadId } : {}) }, history, command: false });
      desk.recordAnswer(key, reply, { platform, channelId: channel, userId: actor.userId, threadId, direct: where.direct, text });
      logger.info(`${platform}.answered`, { channel, kind: reply.kind, citations: reply.citations.length, turns: history.length, ms: Date.now() - started });
      return [{ kind: 'deliver' }];
    } catch (error) {
      logger.error(`${platform}.answer_failed`, { channel, error: errorName(error) });
      return [{ kind: 'reply', visibility: 'public', text: ERROR_TEXT, place: { conversationId: channel, threadId } }];
    } finally {
      desk.done(key);
    }
  };

  /** An answer the actor alone sees: stored when worth a vote, shareable when worth sharing. */
  function privately(reply: Parameters<AnswerDesk['privateAnswer']>[0], actor: Actor, conversationId: string): Effect {
    const { answerId, shareable } = desk.privateAnswer(reply, { platform: actor.platform, channelId: conversationId, userId: actor.userId });
    return { kind: 'answer', reply, ...(answerId ? { answerId } : {}), shareable };
  }

  const otherCommand: Handler<'command'> = async (command) => {
    if (isHelpRequest(command.command)) return [{ kind: 'answer', reply: textReply('help', helpText(deps.helpLines())) }];
    const { actor } = command;
    const channel = command.place.conversationId ?? '';
    const text = (command.text ?? `${command.command} ${command.args}`).trim();
    const reply = await engine.handle({ text, conversation: { platform: actor.platform, userId: actor.userId, channelId: channel }, command: true });
    logger.info(`${actor.platform}.command_answered`, { channel, kind: reply.kind, citations: reply.citations.length });
    return [privately(reply, actor, channel)];
  };

  const share: Handler<'action'> = async (click) => {
    const channel = click.place.conversationId;
    const shared = desk.share(click.value, { platform: click.actor.platform, channelId: channel, userId: click.actor.userId });
    if (!shared.ok || !channel) return [say(shared.ok ? ERROR_TEXT : shared.text)];
    return [{ kind: 'share', conversationId: channel, reply: shared.answer.reply, answerId: shared.answer.id }];
  };

  /** A « Voulez-vous dire » button: the question asked for whoever pressed it, in the thread it was shown in (else to them alone). */
  const askSuggestion: Handler<'action'> = async (click) => {
    const { actor, place } = click;
    const channel = place.conversationId;
    const question = click.value;
    if (!channel || !question) return [];
    try {
      const reply = await engine.handle({
        text: question,
        conversation: { platform: actor.platform, userId: actor.userId, channelId: channel, ...(place.threadId ? { threadId: place.threadId } : {}) },
        command: !place.threadId,
      });
      logger.info(`${actor.platform}.suggestion_asked`, { channel, kind: reply.kind });
      if (!place.threadId) return [privately(reply, actor, channel)];
      // One answer per person, suggestion and message: a double click or a retry is not answered twice.
      const clicked = crypto.createHash('sha256').update(`${click.messageId ?? ''}\n${question}`).digest('hex').slice(0, 16);
      desk.recordInThread(`suggestion:${qualify(actor.platform, channel)}:${clicked}:${actor.userId}`, reply, { platform: actor.platform, channelId: channel, userId: actor.userId, threadId: place.threadId });
      return [{ kind: 'deliver' }];
    } catch (error) {
      logger.error(`${actor.platform}.suggestion_failed`, { channel, error: errorName(error) });
      return [say(ERROR_TEXT)];
    }
  };

  const left = (platform: Platform) => desk.left(`${platform}:`);

  return {
    desk,
    left,
    async answerLeft(platform, read, ask) {
      for (const question of left(platform)) {
        const found = await read(question);
        if (found === undefined) continue;
        logger.info(`${platform}.pending_answered`, { channel: question.channel });
        await ask(question, found);
      }
    },
    feature: {
      name: 'questions',
      idPrefix: 'coordo_',
      message,
      otherCommand,
      actions: { ...votes.actions, [ACTION_SHARE]: share, [ACTION_ASK_SUGGESTION]: askSuggestion },
    },
  };
}
