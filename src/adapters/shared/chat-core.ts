import type { PlannedDeliveries } from '../../core/delivery.ts';
import type { PeoplePort } from '../../core/people.ts';
import { Router, type CoreFeature } from '../../core/router.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Reply } from '../../engine/reply.ts';
import type { Logger } from '../../log/logger.ts';
import { AnswerStore } from '../../store/answers.ts';
import type { Db } from '../../store/database.ts';
import { FeedbackStore } from '../../store/feedback.ts';
import { SqliteOutbox, type OutboxPlatform } from '../../store/outbox.ts';
import type { RetryPolicy } from '../../store/outbox-worker.ts';
import { createQuestions, type Questions } from '../../workflows/questions/questions.ts';

/** What every chat app is made of: its platform's config `C`, the engine, the database, its features, the logger. */
export interface ChatAppDeps<C> {
  config: C;
  engine: Engine;
  /** Opened database; the app's tables are migrated here if needed. */
  db: Db;
  /** Extra features (delegation requests, protocol drafts…): their commands, buttons, forms and outbox deliveries. */
  features?: readonly ChatFeature[];
  logger: Logger;
  /** Retry schedule of the outbox (default {@link DEFAULT_RETRY}). */
  outboxRetry?: RetryPolicy;
}

export interface ChatCoreDeps {
  platform: OutboxPlatform;
  db: Db;
  engine: Engine;
  logger: Logger;
  /** The app's features, after the questions. */
  features: readonly ChatFeature[];
  /** The app's one directory of its platform's accounts, given to every feature. */
  people: PeoplePort;
}

/** What an adapter's feature gives the core: its neutral feature, its planned outbox deliveries. */
export interface ChatFeature {
  readonly name: string;
  /** The platform-neutral feature: its commands, buttons, forms and shortcuts. */
  readonly core?: CoreFeature;
  /** Its outbox effects as neutral delivery plans, which the app renders as its platform posts. */
  readonly deliveries?: PlannedDeliveries;
  /**
   * The files of a reply owed in the outbox (made by this feature) did not get through, where a platform uploads them
   * after the post: undo what was recorded for them and say what to tell the asker (null when the reply is not this feature's).
   */
  filesNotDelivered?(reply: Reply): Reply | null;
}

export interface ChatCore {
  outbox: SqliteOutbox;
  questions: Questions;
  /** One router for the questions and every feature. */
  router: Router;
}

/** What every chat app builds the same way: its outbox, the questions over it and their stores, one router. */
export function chatCore({ platform, db, engine, logger, features, people }: ChatCoreDeps): ChatCore {
  const outbox = new SqliteOutbox(db, Date.now, platform);
  // `/coordo aide`: every neutral feature's lines.
  const questions = createQuestions({ engine, answers: new AnswerStore(db), feedback: new FeedbackStore(db), outbox, logger, helpLines: () => router.helpLines() });
  const router = new Router([questions.feature, ...features.flatMap((f) => (f.core ? [f.core] : []))]);
  for (const feature of router.features) feature.usePeople?.(platform, people);
  return { outbox, questions, router };
}
