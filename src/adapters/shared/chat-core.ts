import { Router, type CoreFeature } from '../../core/router.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Logger } from '../../log/logger.ts';
import { AnswerStore } from '../../store/answers.ts';
import type { Db } from '../../store/database.ts';
import { FeedbackStore } from '../../store/feedback.ts';
import { SqliteOutbox, type OutboxPlatform } from '../../store/outbox.ts';
import { createQuestions, type Questions } from '../../workflows/questions/questions.ts';

export interface ChatCoreDeps {
  platform: OutboxPlatform;
  db: Db;
  engine: Engine;
  logger: Logger;
  /** The neutral features of the app's features, after the questions. */
  cores: readonly CoreFeature[];
  /** The help lines of `/coordo aide` (read when asked). */
  helpLines: () => readonly string[];
}

export interface ChatCore {
  outbox: SqliteOutbox;
  questions: Questions;
  /** One router for the questions and every feature. */
  router: Router;
}

/** What every chat app builds the same way: its outbox, the questions over it and their stores, one router. */
export function chatCore({ platform, db, engine, logger, cores, helpLines }: ChatCoreDeps): ChatCore {
  const outbox = new SqliteOutbox(db, Date.now, platform);
  const questions = createQuestions({ engine, answers: new AnswerStore(db), feedback: new FeedbackStore(db), outbox, logger, helpLines });
  return { outbox, questions, router: new Router([questions.feature, ...cores]) };
}
