import { errorName, type Logger } from '../log/logger.ts';
import type { OutboxRow, SqliteOutbox } from './outbox.ts';

/** What the platform's send function says of one attempt. */
export type SendResult =
  /** Done; `also` runs in the transaction that marks the row delivered (e.g. remember a card's address). */
  | { status: 'delivered'; also?: () => void }
  /** A passing fault (network, 5xx, rate limit): tried again after the backoff, or after `afterMs` when the platform says. */
  | { status: 'retry'; error: string; afterMs?: number }
  /** The platform refuses for good (not in channel, unknown user…): not tried again; `also` runs with the mark. */
  | { status: 'failed'; error: string; also?: () => void };

/** The adapter's delivery of one row. A thrown error counts as a passing fault. */
export type OutboxSend = (row: OutboxRow) => Promise<SendResult>;

export interface RetryPolicy {
  /** Delay before the 2nd attempt; doubled after each failure. */
  baseMs: number;
  maxMs: number;
  /** After this many attempts the row is given up (marked failed). */
  maxAttempts: number;
}

/** 1 s, 2 s, 4 s… capped at 10 min; given up after 12 attempts (≈ 40 min of trying). */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 10 * 60 * 1000, maxAttempts: 12 };

/** Delay after the `attempts`-th failed attempt (1-based): base · 2^(attempts−1), capped. */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxWorkerOptions {
  outbox: SqliteOutbox;
  send: OutboxSend;
  logger: Logger;
  retry?: RetryPolicy;
  /** Rows of different groups delivered at the same time. */
  concurrency?: number;
  now?: () => number;
}

/** Longest sleep between two looks at the outbox when it is started (a safety net: enqueues wake it anyway). */
const MAX_SLEEP_MS = 60_000;

/**
 * Delivers the outbox: each due row is counted as attempted, sent by the
 * adapter, then marked delivered (or rescheduled with exponential backoff, or
 * given up). `drain()` runs one pass explicitly (tests drive it with their own
 * clock); `start()` also drains whenever the next row falls due.
 */
export class OutboxWorker {
  private readonly outbox: SqliteOutbox;
  private readonly send: OutboxSend;
  private readonly logger: Logger;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly now: () => number;
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(options: OutboxWorkerOptions) {
    this.outbox = options.outbox;
    this.send = options.send;
    this.logger = options.logger;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.concurrency = options.concurrency ?? 8;
    this.now = options.now ?? Date.now;
  }

  /**
   * Deliver every row due now (rows enqueued before the call included), then
   * resolve with the number delivered. Passes never overlap: a call during a
   * pass gets the next one.
   */
  drain(): Promise<number> {
    if (this.queued) return this.queued;
    if (!this.running) return this.run();
    const next = this.running.then(() => {
      this.queued = null;
      return this.run();
    });
    this.queued = next;
    return next;
  }

  /** Drain now and whenever a row falls due, until {@link stop}. */
  start(): void {
    this.started = true;
    void this.drain();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await (this.queued ?? this.running);
  }

  private run(): Promise<number> {
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = null;
      this.schedule();
    });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      // The due query gives at most one row per group (the first open one): a batch never holds two rows of a group.
      const batch = this.outbox.due(this.concurrency);
      if (batch.length === 0) return delivered;
      const results = await Promise.all(batch.map((row) => this.attempt(row)));
      delivered += results.filter(Boolean).length;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.started) return;
    const next = this.outbox.nextDueAt();
    if (next === null) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => void this.drain(), delay);
    this.timer.unref();
  }

  /** One attempt at one row; true when it was delivered. */
  private async attempt(due: OutboxRow): Promise<boolean> {
    const row = this.outbox.begin(due.id);
    if (row === null) return false;
    let result: SendResult;
    try {
      result = await this.send(row);
    } catch (error) {
      result = { status: 'retry', error: errorName(error) };
    }
    const meta = { key: row.key, effect: row.effect.type, attempts: row.attempts };
    switch (result.status) {
      case 'delivered':
        this.outbox.markDelivered(row.id, result.also);
        this.logger.debug('outbox.delivered', meta);
        return true;
      case 'failed':
        this.outbox.markFailed(row.id, result.error, result.also);
        this.logger.warn('outbox.failed', { ...meta, error: result.error });
        return false;
      case 'retry': {
        if (row.attempts >= this.retry.maxAttempts) {
          this.outbox.markFailed(row.id, result.error);
          this.logger.warn('outbox.given_up', { ...meta, error: result.error });
          return false;
        }
        const delay = Math.max(result.afterMs ?? 0, backoffMs(this.retry, row.attempts));
        this.outbox.retryAt(row.id, this.now() + delay, result.error);
        this.logger.info('outbox.retry_later', { ...meta, error: result.error, inMs: delay });
        return false;
      }
    }
  }
}
